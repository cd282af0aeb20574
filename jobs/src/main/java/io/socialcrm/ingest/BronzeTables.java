package io.socialcrm.ingest;

import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import java.util.List;

/**
 * The bronze and quarantine tables: a bronze table per input contract, with the contract's name, and a
 * quarantine table per source. Bronze holds the contract's typed columns, {@link RawRecords#EXTRA} and the
 * ingestion metadata below; quarantine holds each rejected record whole with its reasons and {@link #INPUT}. Both are partitioned by {@link #INGEST_DATE}, the landing date a run
 * replaces as a whole, so a rerun of a date never duplicates and a killed run leaves the last committed state.
 */
public final class BronzeTables {
  public static final String RUN_ID = "_run_id";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String INGEST_DATE = "_ingest_date";
  /** In quarantine tables: the input (contract name) a rejected record belongs to. */
  public static final String INPUT = "_input";

  /** Ingestion metadata, after the data columns, in this order. */
  public static final List<String> METADATA = List.of(
      RawRecords.SOURCE_FILE, RawRecords.SOURCE_ROW, RUN_ID, INGESTED_AT, INGEST_DATE);

  private BronzeTables() {}

  public static LakeTable bronze(Contract contract) {
    return new LakeTable(Layer.BRONZE, contract.name());
  }

  /** One quarantine table per source (x, facebook, linkedin, crm), holding the rejects of all its inputs. */
  public static LakeTable quarantine(String source) {
    return new LakeTable(Layer.QUARANTINE, source);
  }
}

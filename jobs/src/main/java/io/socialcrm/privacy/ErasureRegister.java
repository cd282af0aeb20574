package io.socialcrm.privacy;

import static org.apache.spark.sql.functions.col;

import io.socialcrm.common.Errors;
import io.socialcrm.lake.Lake;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The register of erasures, the Delta table {@code <lake>/_privacy/erasures}: one row per erased subject (the
 * requested person and each profile erased with them), holding the subject's {@link SubjectHash} and never the
 * id. Ingestion reads it to keep erased people from coming back with a replay of old landing files.
 */
public final class ErasureRegister {
  public static final String FOLDER = "_privacy";
  public static final String TABLE = "erasures";

  public static final String ERASURE_ID = "erasure_id";
  public static final String SUBJECT_KIND = "subject_kind";
  public static final String SUBJECT_HASH = "subject_hash";
  public static final String REQUESTED = "requested";
  public static final String ERASED_AT = "erased_at";
  public static final String REQUESTED_BY = "requested_by";
  public static final String ROWS_REMOVED = "rows_removed";
  public static final String ROWS_REWRITTEN = "rows_rewritten";

  /**
   * erasure_id (one per command), subject_kind (customer|profile), subject_hash, requested (false for a profile
   * erased because it was linked to the requested customer), erased_at, requested_by, and on the requested row
   * the rows removed and rewritten per table ("layer.table" to count).
   */
  public static final StructType SCHEMA = new StructType()
      .add(ERASURE_ID, DataTypes.StringType, true)
      .add(SUBJECT_KIND, DataTypes.StringType, true)
      .add(SUBJECT_HASH, DataTypes.StringType, true)
      .add(REQUESTED, DataTypes.BooleanType, true)
      .add(ERASED_AT, DataTypes.TimestampType, true)
      .add(REQUESTED_BY, DataTypes.StringType, true)
      .add(ROWS_REMOVED, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true)
      .add(ROWS_REWRITTEN, DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), true);

  private final SparkSession spark;
  private final Lake lake;

  public ErasureRegister(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  public String path() {
    return Lake.join(lake.root(), FOLDER, TABLE);
  }

  public boolean exists() {
    return lake.isDeltaTable(path());
  }

  public Dataset<Row> read() {
    return spark.read().format("delta").load(path());
  }

  /** The register row of a subject hash, if that subject was erased. */
  public Optional<Row> find(String subjectHash) {
    if (!exists()) {
      return Optional.empty();
    }
    List<Row> rows = read().filter(col(SUBJECT_HASH).equalTo(subjectHash)).orderBy(col(ERASED_AT)).limit(1)
        .collectAsList();
    return rows.stream().findFirst();
  }

  /** The distinct hashes of every erased subject (one column, {@link #SUBJECT_HASH}); empty without a register. */
  public Dataset<Row> hashes() {
    if (!exists()) {
      return spark.createDataFrame(List.of(), new StructType().add(SUBJECT_HASH, DataTypes.StringType, true));
    }
    return read().select(SUBJECT_HASH).distinct();
  }

  /** Appends the rows of one erasure in one commit (creating the table on first use). */
  public void append(List<Row> rows) {
    try {
      spark.createDataFrame(rows, SCHEMA).write().format("delta").mode("append").save(path());
    } catch (RuntimeException e) {
      throw Errors.erasureFailed(path(), e);
    }
  }
}

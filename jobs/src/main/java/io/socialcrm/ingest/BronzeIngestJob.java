package io.socialcrm.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.posexplode_outer;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Step {@code ingest}: reads a date's landing files of every input, validates them against their contracts and
 * replaces that date's partition of each bronze table (valid records) and quarantine table (rejected records,
 * whole, with reasons). Each table is written once, atomically, so a rerun gives the same tables and a killed
 * run leaves either the previous or the new state. Counts are reconciled against what Delta committed.
 */
public final class BronzeIngestJob {
  static final int PARALLEL_INPUTS = 4;

  private final SparkSession spark;
  private final Lake lake;
  private final Landing landing;
  private final LandingReader reader;
  private final CrmJdbcReader crmDatabase;

  /** @param crmDatabase where CRM tables come from when not from landing files; null for files */
  public BronzeIngestJob(SparkSession spark, Lake lake, Landing landing, CrmJdbcReader crmDatabase) {
    this.spark = spark;
    this.lake = lake;
    this.landing = landing;
    this.reader = new LandingReader(spark, lake);
    this.crmDatabase = crmDatabase;
  }

  public List<InputResult> run(List<Contract> contracts, LocalDate date, String runId, Instant ingestedAt,
                               Consumer<InputResult> onInput) {
    boolean allFromFiles = crmDatabase == null || contracts.stream().anyMatch(c -> !c.isCrm());
    if (allFromFiles) {
      landing.requireData(contracts.stream().filter(c -> crmDatabase == null || !c.isCrm()).toList(), date);
    }
    // Inputs are independent (each writes its own two tables), so a few run at once: on a small machine most of
    // an input's time is job scheduling and Delta commits, which overlap well.
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL_INPUTS, Math.max(1, contracts.size())));
    try {
      List<Future<InputResult>> futures = new ArrayList<>();
      for (Contract contract : contracts) {
        futures.add(pool.submit(() -> {
          InputResult r = ingest(contract, date, runId, ingestedAt);
          onInput.accept(r);
          return r;
        }));
      }
      List<InputResult> results = new ArrayList<>();
      RuntimeException failure = null;
      for (Future<InputResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  InputResult ingest(Contract contract, LocalDate date, String runId, Instant ingestedAt) {
    long start = System.nanoTime();
    List<String> sources = new ArrayList<>();
    Dataset<Row> raw;
    if (contract.isCrm() && crmDatabase != null) {
      raw = crmDatabase.read(contract, date);
      sources.add(crmDatabase.sourceName(contract));
    } else {
      raw = reader.empty(contract);
      for (String file : landing.files(contract, date)) {
        raw = raw.unionByName(reader.read(contract, file));
        sources.add(file);
      }
    }
    Dataset<Row> checked = withMetadata(ContractValidator.validate(contract, raw), runId, ingestedAt, date)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(checked);
      String where = BronzeTables.INGEST_DATE + " = '" + date + "'";
      long loaded = replacePartition(validRecords(contract, checked), counts.read() - counts.rejected() == 0,
          BronzeTables.bronze(contract), where);
      long quarantined = replacePartition(rejectedRecords(checked), counts.rejected() == 0,
          BronzeTables.quarantine(contract), where);
      if (counts.read() != loaded + quarantined || counts.rejected() != quarantined) {
        throw Errors.reconciliationFailed(contract.name(), counts.read(), loaded, quarantined);
      }
      List<InputResult.FileCount> files = new ArrayList<>();
      for (String s : sources) {
        long[] c = counts.perFile().getOrDefault(s, new long[2]);
        files.add(new InputResult.FileCount(s, c[0], c[1]));
      }
      return new InputResult(contract.name(), contract.source(), files, counts.read(), loaded, quarantined,
          counts.reasons(), (System.nanoTime() - start) / 1_000_000);
    } finally {
      checked.unpersist();
    }
  }

  /** Records read and rejected per file, and reasons per code, from one aggregation over the checked records. */
  record Counts(Map<String, long[]> perFile, Map<String, Long> reasons) {
    long read() {
      return perFile.values().stream().mapToLong(v -> v[0]).sum();
    }

    long rejected() {
      return perFile.values().stream().mapToLong(v -> v[1]).sum();
    }

    static Counts of(Dataset<Row> checked) {
      // One row per (file, reason code): bounded by files x codes, never by the data.
      Dataset<Row> exploded = checked.select(col(RawRecords.SOURCE_FILE),
          posexplode_outer(col(ContractValidator.REASONS + ".code")));
      List<Row> rows = exploded.groupBy(col(RawRecords.SOURCE_FILE), col("col").as("code"))
          .agg(count(lit(1)).as("reasons"), sum(when(coalesce(col("pos"), lit(0)).equalTo(0), 1).otherwise(0)).as("records"))
          .collectAsList();
      Map<String, long[]> perFile = new LinkedHashMap<>();
      Map<String, Long> reasons = new java.util.TreeMap<>();
      for (Row r : rows) {
        long[] c = perFile.computeIfAbsent(r.getString(0), k -> new long[2]);
        long records = r.getLong(3);
        c[0] += records;
        if (!r.isNullAt(1)) {
          c[1] += records;
          reasons.merge(r.getString(1), r.getLong(2), Long::sum);
        }
      }
      return new Counts(perFile, reasons);
    }
  }

  static Dataset<Row> withMetadata(Dataset<Row> checked, String runId, Instant ingestedAt, LocalDate date) {
    return checked
        .withColumn(BronzeTables.RUN_ID, lit(runId))
        .withColumn(BronzeTables.INGESTED_AT, lit(Timestamp.from(ingestedAt)))
        .withColumn(BronzeTables.INGEST_DATE, lit(java.sql.Date.valueOf(date)));
  }

  /** Valid records as bronze stores them: typed contract columns, unknown fields, ingestion metadata. */
  public static Dataset<Row> validRecords(Contract contract, Dataset<Row> checked) {
    List<Column> cols = new ArrayList<>();
    contract.columnNames().forEach(n -> cols.add(col(n)));
    cols.add(col(RawRecords.EXTRA));
    BronzeTables.METADATA.forEach(n -> cols.add(col(n)));
    return checked.filter(size(col(ContractValidator.REASONS)).equalTo(0)).select(cols.toArray(new Column[0]));
  }

  /** Rejected records whole (as they arrived), with every reason. */
  public static Dataset<Row> rejectedRecords(Dataset<Row> checked) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(RawRecords.RECORD));
    cols.add(col(ContractValidator.REASONS));
    BronzeTables.METADATA.forEach(n -> cols.add(col(n)));
    return checked.filter(size(col(ContractValidator.REASONS)).gt(0)).select(cols.toArray(new Column[0]));
  }

  /**
   * Replaces one date's partition of a Delta table in one commit and returns the rows that commit wrote, read
   * from the commit's own metrics. With nothing to write, the date's partition is deleted instead (a no-op when
   * it holds nothing), so the table always mirrors the landing area of that date.
   */
  private long replacePartition(Dataset<Row> rows, boolean empty, LakeTable table, String where) {
    String path = lake.path(table);
    try {
      boolean exists = lake.isDeltaTable(path);
      if (empty) {
        if (exists) {
          DeltaTable.forPath(spark, path).delete(where);
        } else {
          // Nothing to write yet: create the empty table with one metadata commit, so it can be queried.
          DeltaTable.createIfNotExists(spark).location(path).addColumns(io.socialcrm.lake.Schemas.nullable(rows.schema()))
              .partitionedBy(BronzeTables.INGEST_DATE).execute();
        }
        return 0L;
      }
      long before = exists ? DeltaTable.forPath(spark, path).history(1).head().getLong(0) : -1L;
      rows.write().format("delta")
          .mode("overwrite")
          .partitionBy(BronzeTables.INGEST_DATE)
          .option("replaceWhere", where)
          .save(path);
      Row last = DeltaTable.forPath(spark, path).history(1).select("version", "operationMetrics").head();
      if (last.getLong(0) == before) {
        return 0L;
      }
      Map<String, String> metrics = last.getJavaMap(1);
      String n = metrics == null ? null : metrics.get("numOutputRows");
      return n == null ? 0L : Long.parseLong(n);
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableLake(path, e);
    }
  }
}

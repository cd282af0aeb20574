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
import io.socialcrm.privacy.ReplayGuard;
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
    List<Contract> fromFiles = contracts.stream().filter(c -> crmDatabase == null || !c.isCrm()).toList();
    if (!fromFiles.isEmpty()) {
      landing.requireData(fromFiles, date);
    }
    // Inputs are independent, so a few are read, checked and loaded at once (on a small machine most of an
    // input's time is job scheduling and Delta commits, which overlap well). The quarantine table of a source
    // is written once, when all of its inputs are checked.
    // Records of erased people (see io.socialcrm.privacy) never come back: null when nothing was ever erased.
    ReplayGuard guard = ReplayGuard.load(spark, lake);
    Map<String, List<Future<Checked>>> bySource = new LinkedHashMap<>();
    ExecutorService inputs = Executors.newFixedThreadPool(Math.min(PARALLEL_INPUTS, Math.max(1, contracts.size())));
    ExecutorService sources = Executors.newCachedThreadPool();
    try {
      for (Contract contract : contracts) {
        bySource.computeIfAbsent(contract.source(), k -> new ArrayList<>())
            .add(inputs.submit(() -> checkAndLoad(contract, date, runId, ingestedAt, guard)));
      }
      List<Future<List<InputResult>>> perSource = new ArrayList<>();
      bySource.forEach((source, checked) -> perSource.add(sources.submit(() -> quarantine(source, checked, date, onInput))));
      Map<String, InputResult> byInput = new java.util.HashMap<>();
      for (List<InputResult> rs : all(perSource)) {
        rs.forEach(r -> byInput.put(r.input(), r));
      }
      return contracts.stream().map(c -> byInput.get(c.name())).toList();
    } finally {
      inputs.shutdownNow();
      sources.shutdownNow();
    }
  }

  /** One input's records of the date: checked (and cached until its source's quarantine is written), bronze loaded. */
  private record Checked(Contract contract, Dataset<Row> records, Counts counts, List<String> files, long loaded,
                         long startNanos) {
    Dataset<Row> rejected() {
      return rejectedRecords(records).withColumn(BronzeTables.INPUT, lit(contract.name()));
    }
  }

  private Checked checkAndLoad(Contract contract, LocalDate date, String runId, Instant ingestedAt, ReplayGuard guard) {
    long start = System.nanoTime();
    List<String> files = new ArrayList<>();
    Dataset<Row> raw;
    if (contract.isCrm() && crmDatabase != null) {
      raw = crmDatabase.read(contract, date);
      files.add(crmDatabase.sourceName(contract));
    } else {
      raw = reader.empty(contract);
      for (String file : landing.files(contract, date)) {
        raw = raw.unionByName(reader.read(contract, file));
        files.add(file);
      }
    }
    // Erased people's records are dropped before validation, so they reach neither bronze nor quarantine; the
    // records read per file are counted before the drop, so read = loaded + quarantined + erased.
    boolean screened = guard != null && ReplayGuard.applies(contract);
    Dataset<Row> incoming = screened ? raw.persist(StorageLevel.MEMORY_AND_DISK()) : raw;
    Dataset<Row> kept = screened ? guard.apply(contract, incoming) : raw;
    Dataset<Row> checked = withMetadata(ContractValidator.validate(contract, kept), runId, ingestedAt, date)
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Counts counts = Counts.of(checked);
      if (screened) {
        counts = counts.withRead(readPerFile(incoming));
      }
      long expected = counts.read() - counts.rejected() - counts.erased();
      long loaded = replacePartition(validRecords(contract, checked), expected == 0, BronzeTables.bronze(contract), date);
      if (loaded != expected) {
        throw Errors.reconciliationFailed(contract.name(), counts.read(), loaded, counts.rejected(), counts.erased());
      }
      return new Checked(contract, checked, counts, files, loaded, start);
    } catch (RuntimeException e) {
      checked.unpersist();
      throw e;
    } finally {
      if (screened) {
        incoming.unpersist();
      }
    }
  }

  /** Records read per file before any was dropped: one row per file. */
  private static Map<String, Long> readPerFile(Dataset<Row> raw) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Row r : raw.groupBy(col(RawRecords.SOURCE_FILE)).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /**
   * Writes a source's quarantine partition of the date in one commit (the rejected records of all its inputs),
   * reconciles it, and reports each input.
   */
  private List<InputResult> quarantine(String source, List<Future<Checked>> pending, LocalDate date,
                                       Consumer<InputResult> onInput) {
    List<Checked> checked = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<Checked> f : pending) {
      try {
        checked.add(get(f));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    try {
      if (failure != null) {
        throw failure;
      }
      long rejected = checked.stream().mapToLong(c -> c.counts().rejected()).sum();
      Dataset<Row> all = checked.get(0).rejected();
      for (Checked c : checked.subList(1, checked.size())) {
        all = all.unionByName(c.rejected());
      }
      long quarantined = replacePartition(all, rejected == 0, BronzeTables.quarantine(source), date);
      if (quarantined != rejected) {
        long read = checked.stream().mapToLong(c -> c.counts().read()).sum();
        long erased = checked.stream().mapToLong(c -> c.counts().erased()).sum();
        throw Errors.reconciliationFailed(source, read, read - rejected - erased, quarantined, erased);
      }
      List<InputResult> results = new ArrayList<>();
      for (Checked c : checked) {
        List<InputResult.FileCount> files = new ArrayList<>();
        for (String file : c.files()) {
          long[] n = c.counts().perFile().getOrDefault(file, new long[3]);
          files.add(new InputResult.FileCount(file, n[0], n[1], n[2]));
        }
        InputResult r = new InputResult(c.contract().name(), source, files, c.counts().read(), c.loaded(),
            c.counts().rejected(), c.counts().erased(), c.counts().reasons(), (System.nanoTime() - c.startNanos()) / 1_000_000);
        onInput.accept(r);
        results.add(r);
      }
      return results;
    } finally {
      checked.forEach(c -> c.records().unpersist());
    }
  }

  private static <T> List<T> all(List<Future<T>> futures) {
    List<T> out = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<T> f : futures) {
      try {
        out.add(get(f));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return out;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /**
   * Records read, rejected and erased per file ({read, rejected, erased}), and reasons per code, from one
   * aggregation over the checked records (and, when erased records were dropped, one count of the records read).
   */
  record Counts(Map<String, long[]> perFile, Map<String, Long> reasons) {
    long read() {
      return perFile.values().stream().mapToLong(v -> v[0]).sum();
    }

    long rejected() {
      return perFile.values().stream().mapToLong(v -> v[1]).sum();
    }

    long erased() {
      return perFile.values().stream().mapToLong(v -> v[2]).sum();
    }

    /** These counts with the records read per file before erased ones were dropped: the difference is erased. */
    Counts withRead(Map<String, Long> readPerFile) {
      Map<String, long[]> out = new LinkedHashMap<>();
      perFile.forEach((f, v) -> out.put(f, v.clone()));
      readPerFile.forEach((f, n) -> {
        long[] v = out.computeIfAbsent(f, k -> new long[3]);
        v[2] = n - v[0];
        v[0] = n;
      });
      return new Counts(out, reasons);
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
        long[] c = perFile.computeIfAbsent(r.getString(0), k -> new long[3]);
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

  /** Rejected records whole (as they arrived), with every reason; the caller adds {@link BronzeTables#INPUT}. */
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
  private long replacePartition(Dataset<Row> rows, boolean empty, LakeTable table, LocalDate date) {
    String where = BronzeTables.INGEST_DATE + " = '" + date + "'";
    String partitionDir = BronzeTables.INGEST_DATE + "=" + date;
    String path = lake.path(table);
    try {
      boolean exists = lake.isDeltaTable(path);
      if (empty) {
        if (exists && lake.exists(Lake.join(path, partitionDir))) {
          // Delta on a file system keeps a date's files under its partition folder: without the folder there
          // is nothing to delete, and the delete (a snapshot scan and a commit) is skipped.
          DeltaTable.forPath(spark, path).delete(where);
        } else if (!exists) {
          // Nothing to write yet: create the empty table with one metadata commit, so it can be queried.
          DeltaTable.createIfNotExists(spark).location(path).addColumns(io.socialcrm.lake.Schemas.nullable(rows.schema()))
              .partitionedBy(BronzeTables.INGEST_DATE).execute();
        }
        return 0L;
      }
      rows.write().format("delta")
          .mode("overwrite")
          .partitionBy(BronzeTables.INGEST_DATE)
          .option("replaceWhere", where)
          .save(path);
      // A non-empty write always commits; its metrics say how many rows it wrote.
      Map<String, String> metrics = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").head().getJavaMap(0);
      String n = metrics == null ? null : metrics.get("numOutputRows");
      return n == null ? 0L : Long.parseLong(n);
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableLake(path, e);
    }
  }
}

package io.socialcrm.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.Futures;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Schemas;
import io.socialcrm.lake.TableVersions;
import io.socialcrm.privacy.ReplayGuard;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step {@code ingest}: reads the landing files of one or more dates of every input, validates them against their
 * contracts and replaces those dates' partitions of each bronze table (valid records) and quarantine table
 * (rejected records, whole, with reasons). Each record keeps the date of the folder it came from as
 * {@code _ingest_date} and each date is validated as its own load, so ingesting several dates at once (a
 * backfill) gives exactly the tables that ingesting them one by one gives, at the fixed cost of one ingest. Each
 * table is written once, atomically, so a rerun gives the same tables and a killed run leaves either the
 * previous or the new state. Counts are reconciled against what Delta committed.
 */
public final class BronzeIngestJob {
  static final int PARALLEL_INPUTS = 4;
  /** Inputs up to this many bytes of files are read and checked in one task. */
  static final long ONE_TASK_BYTES = 8L << 20;
  private static final Logger LOG = LoggerFactory.getLogger(BronzeIngestJob.class);

  private final SparkSession spark;
  private final Lake lake;
  private final Landing landing;
  private final LandingReader reader;
  private final CrmJdbcReader crmDatabase;
  private final LoadLog loadLog;

  /** @param crmDatabase where CRM tables come from when not from landing files; null for files */
  public BronzeIngestJob(SparkSession spark, Lake lake, Landing landing, CrmJdbcReader crmDatabase) {
    this.spark = spark;
    this.lake = lake;
    this.landing = landing;
    this.reader = new LandingReader(spark, lake);
    this.crmDatabase = crmDatabase;
    this.loadLog = new LoadLog(lake);
  }

  /**
   * Ingests the given landing dates (one for a nightly run, several for a backfill) of every contract and
   * reports each input once, over all the dates, with per-file counts; each file's date is in its report.
   * Fails before writing anything when a date has no landing data at all.
   */
  public List<InputResult> run(List<Contract> contracts, List<LocalDate> dates, String runId, Instant ingestedAt,
                               Consumer<InputResult> onInput) {
    return run(contracts, dates, runId, ingestedAt, false, onInput);
  }

  /**
   * As {@link #run(List, List, String, Instant, Consumer)}, but a source's date whose landing files are all as the
   * {@link LoadLog} has them is neither read nor written (its inputs are reported {@link InputResult#UNCHANGED}),
   * unless {@code force}. Sources are the unit: a source's quarantine table holds all its inputs' rejected records of a
   * date, so a changed file reloads every input of its source for that date. CRM tables read over JDBC are always
   * reloaded.
   */
  public List<InputResult> run(List<Contract> contracts, List<LocalDate> dates, String runId, Instant ingestedAt,
                               boolean force, Consumer<InputResult> onInput) {
    List<LocalDate> days = dates.stream().distinct().sorted().toList();
    if (days.isEmpty()) {
      throw new IllegalArgumentException("no date to ingest");
    }
    List<Contract> fromFiles = contracts.stream().filter(c -> !fromDatabase(c)).toList();
    if (!fromFiles.isEmpty()) {
      days.forEach(d -> landing.requireData(fromFiles, d));
    }
    Map<String, List<Contract>> contractsBySource = new LinkedHashMap<>();
    contracts.forEach(c -> contractsBySource.computeIfAbsent(c.source(), k -> new ArrayList<>()).add(c));
    Map<String, List<LocalDate>> daysBySource = new LinkedHashMap<>();
    Map<LocalDate, Map<String, LoadLog.InputEntry>> loads = new TreeMap<>();
    for (LocalDate day : days) {
      Map<String, LoadLog.InputEntry> logged = loadLog.read(day);
      contractsBySource.forEach((source, cs) -> {
        Map<Contract, List<String>> files = new LinkedHashMap<>();
        cs.stream().filter(c -> !fromDatabase(c)).forEach(c -> files.put(c, landing.files(c, day)));
        boolean unchanged = !force && files.size() == cs.size() && files.entrySet().stream().allMatch(e ->
            lake.isDeltaTable(lake.path(BronzeTables.bronze(e.getKey())))
                && loadLog.unchanged(e.getKey(), e.getValue(), logged.get(e.getKey().name())));
        if (!unchanged) {
          daysBySource.computeIfAbsent(source, k -> new ArrayList<>()).add(day);
          files.forEach((c, f) -> loads.computeIfAbsent(day, k -> new LinkedHashMap<>())
              .put(c.name(), loadLog.observe(c, f, runId)));
        }
      });
    }
    // Inputs are independent, so a few are read, checked and loaded at once (on a small machine most of an
    // input's time is job scheduling and Delta commits, which overlap well). The quarantine table of a source
    // is written once, when all of its inputs are checked.
    // Records of erased people (see io.socialcrm.privacy) never come back: null when nothing was ever erased.
    Map<String, InputResult> byInput = new HashMap<>();
    if (!daysBySource.isEmpty()) {
      ReplayGuard guard = ReplayGuard.load(spark, lake);
      Map<String, List<Future<Checked>>> bySource = new LinkedHashMap<>();
      ExecutorService inputs = Executors.newFixedThreadPool(Math.min(PARALLEL_INPUTS, Math.max(1, contracts.size())));
      ExecutorService sources = Executors.newCachedThreadPool();
      ObservedMetrics observed = new ObservedMetrics(spark);
      try {
        for (Contract contract : contracts) {
          List<LocalDate> sourceDays = daysBySource.get(contract.source());
          if (sourceDays != null) {
            bySource.computeIfAbsent(contract.source(), k -> new ArrayList<>())
                .add(inputs.submit(() -> checkAndLoad(contract, sourceDays, runId, ingestedAt, guard, observed)));
          }
        }
        List<Future<List<InputResult>>> perSource = new ArrayList<>();
        bySource.forEach((source, checked) -> perSource.add(
            sources.submit(() -> quarantine(source, checked, daysBySource.get(source), onInput))));
        for (List<InputResult> rs : Futures.all(perSource)) {
          rs.forEach(r -> byInput.put(r.input(), r));
        }
      } finally {
        inputs.shutdownNow();
        sources.shutdownNow();
        observed.close();
      }
    }
    // Every table is committed: the log may now say these files are in.
    loads.forEach(loadLog::record);
    List<InputResult> results = new ArrayList<>();
    for (Contract c : contracts) {
      InputResult r = byInput.get(c.name());
      if (r == null) {
        r = InputResult.unchanged(c.name(), c.source());
        onInput.accept(r);
      }
      results.add(r);
    }
    return results;
  }

  /** Whether the contract's records come from the CRM database (JDBC) rather than from landing files. */
  private boolean fromDatabase(Contract contract) {
    return contract.isCrm() && crmDatabase != null;
  }

  /** A landing file (or JDBC slice) and the date it was read for. */
  record DatedFile(String file, LocalDate date) {}

  /** One input's records of the dates: checked (a plan, recomputed from its files for its quarantine), bronze loaded. */
  private record Checked(Contract contract, Dataset<Row> records, Counts counts, List<DatedFile> files, long loaded,
                         long startNanos) {
    Dataset<Row> rejected() {
      return rejectedRecords(records).withColumn(BronzeTables.INPUT, lit(contract.name()));
    }
  }

  /**
   * Reads, checks and loads one input's files of the dates in one pass: the bronze write carries the counts as
   * observed metrics (records and rejected records per file, reasons per code), so nothing is read twice or
   * cached; only an input with rejected records is read again, for its source's quarantine, and with an erasure
   * register one more job counts the records read before erased ones were dropped.
   */
  private Checked checkAndLoad(Contract contract, List<LocalDate> days, String runId, Instant ingestedAt,
                               ReplayGuard guard, ObservedMetrics observed) {
    long start = System.nanoTime();
    List<DatedFile> files = new ArrayList<>();
    Dataset<Row> raw = reader.empty(contract).withColumn(BronzeTables.INGEST_DATE, lit(null).cast(DataTypes.DateType));
    for (LocalDate date : days) {
      Column ingestDate = lit(Date.valueOf(date));
      if (fromDatabase(contract)) {
        raw = raw.unionByName(crmDatabase.read(contract, date).withColumn(BronzeTables.INGEST_DATE, ingestDate));
        files.add(new DatedFile(crmDatabase.sourceName(contract), date));
      } else {
        for (String file : landing.files(contract, date)) {
          raw = raw.unionByName(reader.read(contract, file).withColumn(BronzeTables.INGEST_DATE, ingestDate));
          files.add(new DatedFile(file, date));
        }
      }
    }
    if (!fromDatabase(contract)
        && files.stream().mapToLong(f -> lake.size(f.file())).sum() <= ONE_TASK_BYTES) {
      // A small input is checked in one task: the duplicate check's window then needs no shuffle (one partition
      // is clustered by any key), which saves a stage and a Spark job per input on a night.
      raw = raw.coalesce(1);
    }
    // Erased people's records are dropped before validation, so they reach neither bronze nor quarantine; the
    // records read per file are counted before the drop, so read = loaded + quarantined + erased.
    // With an erasure register, the records read per file are counted before the drop by a pass of their own
    // over the records cached for it (a lake with erasures pays one more job per input).
    boolean screened = guard != null && ReplayGuard.applies(contract);
    Dataset<Row> incoming = screened ? raw.persist(StorageLevel.MEMORY_AND_DISK()) : raw;
    try {
      Dataset<Row> kept = screened ? guard.apply(contract, incoming) : raw;
      Dataset<Row> checked = withMetadata(ContractValidator.validate(contract, kept), runId, ingestedAt);
      Counts counts;
      long loaded;
      if (files.isEmpty()) {
        counts = new Counts(Map.of(), Map.of());
        loaded = writeBronze(validRecords(contract, checked), BronzeTables.bronze(contract), days);
      } else {
        Column[] metrics = Counts.checkedColumns(files);
        loaded = writeBronze(validRecords(contract, observed.observe(checked, contract.name(), metrics)),
            BronzeTables.bronze(contract), days);
        // Counted by another pass only if Spark dropped the observation from the write's plan.
        counts = Counts.of(files, observed.await(contract.name(), ObservedMetrics.WAIT).orElseGet(() -> {
          LOG.warn("no observed counts for {} within {}: counting them with a pass of their own", contract.name(),
              ObservedMetrics.WAIT);
          return ObservedMetrics.aggregate(checked, metrics);
        }));
      }
      if (screened) {
        counts = counts.withRead(readPerFile(incoming));
      }
      long expected = counts.read() - counts.rejected() - counts.erased();
      if (loaded != expected) {
        throw Errors.reconciliationFailed(contract.name(), counts.read(), loaded, counts.rejected(), counts.erased());
      }
      return new Checked(contract, checked, counts, files, loaded, start);
    } finally {
      if (screened) {
        incoming.unpersist();
      }
    }
  }

  /** Records read per file and date before any was dropped: one row per file. */
  private static Map<DatedFile, Long> readPerFile(Dataset<Row> raw) {
    Map<DatedFile, Long> out = new LinkedHashMap<>();
    for (Row r : raw.groupBy(col(RawRecords.SOURCE_FILE), col(BronzeTables.INGEST_DATE).cast("string")).count().collectAsList()) {
      out.put(new DatedFile(r.getString(0), LocalDate.parse(r.getString(1))), r.getLong(2));
    }
    return out;
  }

  /**
   * Writes a source's quarantine partitions of the dates in one commit (the rejected records of all its inputs),
   * reconciles it, and reports each input.
   */
  private List<InputResult> quarantine(String source, List<Future<Checked>> pending, List<LocalDate> days,
                                       Consumer<InputResult> onInput) {
    List<Checked> checked = new ArrayList<>();
    RuntimeException failure = null;
    for (Future<Checked> f : pending) {
      try {
        checked.add(Futures.get(f));
      } catch (RuntimeException e) {
        failure = failure == null ? e : failure;
      }
    }
    if (failure != null) {
      throw failure;
    }
    long rejected = checked.stream().mapToLong(c -> c.counts().rejected()).sum();
    // Only inputs with rejected records are read again (one input's plan gives the schema when none has any).
    Dataset<Row> all = null;
    for (Checked c : checked) {
      if (c.counts().rejected() > 0) {
        all = all == null ? c.rejected() : all.unionByName(c.rejected());
      }
    }
    if (all == null) {
      all = checked.get(0).rejected();
    }
    long quarantined = replacePartitions(all, rejected == 0, BronzeTables.quarantine(source), days);
    if (quarantined != rejected) {
      long read = checked.stream().mapToLong(c -> c.counts().read()).sum();
      long erased = checked.stream().mapToLong(c -> c.counts().erased()).sum();
      throw Errors.reconciliationFailed(source, read, read - rejected - erased, quarantined, erased);
    }
    List<InputResult> results = new ArrayList<>();
    for (Checked c : checked) {
      List<InputResult.FileCount> files = new ArrayList<>();
      for (DatedFile file : c.files()) {
        long[] n = c.counts().perFile().getOrDefault(file, new long[3]);
        files.add(new InputResult.FileCount(file.file(), file.date().toString(), n[0], n[1], n[2]));
      }
      InputResult r = new InputResult(c.contract().name(), source, files, c.counts().read(), c.loaded(),
          c.counts().rejected(), c.counts().erased(), c.counts().reasons(), (System.nanoTime() - c.startNanos()) / 1_000_000,
          InputResult.LOADED);
      onInput.accept(r);
      results.add(r);
    }
    return results;
  }

  /**
   * Records read, rejected and erased per file and date ({read, rejected, erased}), and reasons per code. They
   * are aggregate expressions observed on the records as the bronze write passes over them: a few per file (the
   * files are known before the read) and one per reason code, bounded by files and codes, never by the data. A
   * JDBC slice has the same name on every date, hence the date in the key.
   */
  record Counts(Map<DatedFile, long[]> perFile, Map<String, Long> reasons) {
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
    Counts withRead(Map<DatedFile, Long> readPerFile) {
      Map<DatedFile, long[]> out = new LinkedHashMap<>();
      perFile.forEach((f, v) -> out.put(f, v.clone()));
      readPerFile.forEach((f, n) -> {
        if (n > 0) {
          long[] v = out.computeIfAbsent(f, k -> new long[3]);
          v[2] = n - v[0];
          v[0] = n;
        }
      });
      return new Counts(out, reasons);
    }

    private static Column ofFile(DatedFile f) {
      return col(RawRecords.SOURCE_FILE).equalTo(f.file())
          .and(col(BronzeTables.INGEST_DATE).equalTo(lit(Date.valueOf(f.date()))));
    }

    /** Over checked records: per file its records ({@code read_<i>}) and rejected records, per reason code its reasons. */
    static Column[] checkedColumns(List<DatedFile> files) {
      Column hasReasons = size(col(ContractValidator.REASONS)).gt(0);
      List<Column> cols = new ArrayList<>();
      for (int i = 0; i < files.size(); i++) {
        cols.add(count(when(ofFile(files.get(i)), 1)).as("read_" + i));
        cols.add(count(when(ofFile(files.get(i)).and(hasReasons), 1)).as("rejected_" + i));
      }
      for (String code : ContractValidator.CODES) {
        Column ofCode = size(filter(col(ContractValidator.REASONS + ".code"), c -> c.equalTo(code)));
        cols.add(coalesce(sum(when(hasReasons, ofCode)), lit(0L)).cast("long").as("code_" + code));
      }
      return cols.toArray(new Column[0]);
    }

    static Counts of(List<DatedFile> files, Row observed) {
      Map<DatedFile, long[]> perFile = new LinkedHashMap<>();
      for (int i = 0; i < files.size(); i++) {
        long read = observed.getAs("read_" + i);
        if (read > 0) {
          perFile.put(files.get(i), new long[] {read, observed.<Long>getAs("rejected_" + i), 0});
        }
      }
      Map<String, Long> reasons = new TreeMap<>();
      for (String code : ContractValidator.CODES) {
        long n = observed.getAs("code_" + code);
        if (n > 0) {
          reasons.put(code, n);
        }
      }
      return new Counts(perFile, reasons);
    }
  }

  /** The run's metadata; {@link BronzeTables#INGEST_DATE} each record already carries from its landing folder. */
  static Dataset<Row> withMetadata(Dataset<Row> checked, String runId, Instant ingestedAt) {
    return checked
        .withColumn(BronzeTables.RUN_ID, lit(runId))
        .withColumn(BronzeTables.INGESTED_AT, lit(Timestamp.from(ingestedAt)));
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
   * Writes an input's valid records of the dates in one commit and returns the rows it wrote, read from the
   * commit's own metrics. When the table holds none of the dates (the usual night) they are appended: the same
   * files a replaceWhere would commit, without reconstructing the table's file list to find what to remove (three
   * Spark jobs), and no commit at all when there is no record. Otherwise the dates' partitions are replaced (a
   * date without records is emptied), so the table always mirrors the landing area of those dates.
   */
  private long writeBronze(Dataset<Row> rows, LakeTable table, List<LocalDate> days) {
    String path = lake.path(table);
    try {
      boolean exists = lake.isDeltaTable(path);
      return writeDates(rows, path, exists, exists && holdsAny(path, days), days);
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableLake(path, e);
    }
  }

  /** The write of {@link #writeBronze}: append or replace the dates; the rows its commit wrote (0 without one). */
  private long writeDates(Dataset<Row> rows, String path, boolean exists, boolean holdsDays, List<LocalDate> days) {
    TableVersions versions = new TableVersions(lake);
    long before = exists ? versions.latest(path) : TableVersions.NONE;
    if (exists && !holdsDays) {
      rows.write().format("delta").mode("append").save(path);
    } else {
      rows.write().format("delta")
          .mode("overwrite")
          .partitionBy(BronzeTables.INGEST_DATE)
          .option("replaceWhere", datesWhere(days))
          .save(path);
    }
    TableVersions.Commit commit = versions.lastCommit(path);
    return commit == null || commit.version() == before ? 0L : commit.metric("numOutputRows");
  }

  private static String datesWhere(List<LocalDate> days) {
    return BronzeTables.INGEST_DATE + " IN (" + String.join(", ", days.stream().map(d -> "'" + d + "'").toList()) + ")";
  }

  /**
   * Whether a table has a partition folder of any of the dates. Delta on a file system keeps a date's files under
   * its partition folder: without the folders the table holds nothing of these dates.
   */
  private boolean holdsAny(String path, List<LocalDate> days) {
    Set<String> partitionDirs = new HashSet<>();
    days.forEach(d -> partitionDirs.add(BronzeTables.INGEST_DATE + "=" + d));
    return lake.listDirs(path).stream().anyMatch(d -> partitionDirs.contains(d.substring(d.lastIndexOf('/') + 1)));
  }

  /**
   * Writes the dates' partitions of a quarantine table in one commit as {@link #writeBronze} does (appended when
   * new, else replaced) and returns the rows that commit wrote. With nothing to write ({@code empty}, known from the counts), the dates'
   * partitions are deleted instead when the table holds any (else nothing is committed), so the table always
   * mirrors the landing area of those dates.
   */
  private long replacePartitions(Dataset<Row> rows, boolean empty, LakeTable table, List<LocalDate> days) {
    String path = lake.path(table);
    try {
      boolean exists = lake.isDeltaTable(path);
      boolean holdsDays = exists && holdsAny(path, days);
      if (empty) {
        if (holdsDays) {
          DeltaTable.forPath(spark, path).delete(datesWhere(days));
        } else if (!exists) {
          // Nothing to write yet: create the empty table with one metadata commit, so it can be queried.
          DeltaTable.createIfNotExists(spark).location(path).addColumns(Schemas.nullable(rows.schema()))
              .partitionedBy(BronzeTables.INGEST_DATE).execute();
        }
        return 0L;
      }
      return writeDates(rows, path, exists, holdsDays, days);
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableLake(path, e);
    }
  }
}

package io.socialcrm.lake;

import static io.socialcrm.testing.CliRunner.assertOneLineError;
import static io.socialcrm.testing.CliRunner.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.nio.file.Files;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assertions;

import io.delta.tables.DeltaTable;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.CliRunner.Result;
import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OPTIMIZE and VACUUM over every layer of a real Delta lake: compaction, retention, repeats, and refusals. */
class LakeMaintenanceTest extends SparkTestBase {
  @TempDir
  Path tmp;

  /** silver/appended: five appends of two rows (five or more files); gold/replaced: written, then overwritten. */
  private Lake lake() {
    Lake lake = new Lake(session(), tmp.resolve("lake").toString());
    for (int i = 0; i < 5; i++) {
      rows(i * 2, 2).write().format("delta").mode(SaveMode.Append).save(lake.path(new LakeTable(Layer.SILVER, "appended")));
    }
    String replaced = lake.path(new LakeTable(Layer.GOLD, "replaced"));
    rows(0, 3).write().format("delta").save(replaced);
    rows(100, 2).write().format("delta").mode(SaveMode.Overwrite).save(replaced);
    return lake;
  }

  private Dataset<Row> rows(int from, int n) {
    return session().range(from, from + n).selectExpr("id", "concat('v', id) AS value").repartition(2);
  }

  private List<String> contents(String path) {
    return session().read().format("delta").load(path).orderBy("id").collectAsList().stream()
        .map(Row::toString).toList();
  }

  @Test
  void compactsEveryTableKeepsItsRowsAndLeavesRecentVersionsReadable() {
    Lake lake = lake();
    String appended = lake.path(new LakeTable(Layer.SILVER, "appended"));
    String replaced = lake.path(new LakeTable(Layer.GOLD, "replaced"));
    List<String> appendedRows = contents(appended);
    List<String> replacedRows = contents(replaced);

    List<LakeMaintenance.TableResult> done = new ArrayList<>();
    List<LakeMaintenance.TableResult> results = new LakeMaintenance(session(), lake).run(168, done::add);

    assertEquals(results, done);
    Map<String, LakeMaintenance.TableResult> byTable = results.stream()
        .collect(Collectors.toMap(LakeMaintenance.TableResult::table, r -> r));
    assertEquals(List.of("silver.appended", "gold.replaced"), results.stream().map(LakeMaintenance.TableResult::table).toList());
    Assertions.assertTrue(byTable.get("silver.appended").filesBefore() >= 5, byTable.toString());
    assertEquals(1, byTable.get("silver.appended").filesAfter());
    assertEquals(1, byTable.get("gold.replaced").filesAfter());
    assertEquals(0, byTable.get("silver.appended").vacuumed(), "every file is younger than the retention");
    assertEquals(0, byTable.get("gold.replaced").vacuumed());
    assertEquals(appendedRows, contents(appended));
    assertEquals(replacedRows, contents(replaced));
    // the version before the overwrite is still there for time travel
    assertEquals(3, session().read().format("delta").option("versionAsOf", 0).load(replaced).count());

    long version = DeltaTable.forPath(session(), appended).history(1).first().getLong(0);
    List<LakeMaintenance.TableResult> again = new LakeMaintenance(session(), lake).run(168, r -> { });
    again.forEach(r -> assertEquals(r.filesBefore(), r.filesAfter(), r.toString()));
    List<String> since = DeltaTable.forPath(session(), appended).history().where("version > " + version)
        .select("operation").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertEquals(List.of(), since,
        "a second run commits nothing: nothing to compact, and no file is older than the retention to vacuum");
  }

  @Test
  void aStepReadingAChangeFeedFindsNothingNewInMaintenanceCommits() {
    Lake lake = lake();
    String appended = lake.path(new LakeTable(Layer.SILVER, "appended"));
    ChangeFeed feed = new ChangeFeed(session(), lake, new LakeTable(Layer.GOLD, "_test_state"));
    long processed = DeltaTable.forPath(session(), appended).history(1).first().getLong(0);
    Supplier<Dataset<Row>> none = () -> rows(0, 0);

    new LakeMaintenance(session(), lake).run(168, r -> { });
    ChangeFeed.Batch afterMaintenance = feed.read("appended", appended, processed, none, List.of("id"));
    Assertions.assertTrue(afterMaintenance.nothingNew(), "OPTIMIZE and VACUUM change no row");
    Assertions.assertTrue(afterMaintenance.version() > processed, "and are marked as read");

    rows(50, 3).write().format("delta").mode(SaveMode.Append).save(appended);
    ChangeFeed.Batch afterAppend = feed.read("appended", appended, afterMaintenance.version(), none,
        List.of("id"));
    Assertions.assertFalse(afterAppend.nothingNew());
    assertEquals(List.of("[50,v50]", "[51,v51]", "[52,v52]"), afterAppend.rows().orderBy("id").collectAsList()
        .stream().map(Row::toString).toList());
  }

  @Test
  void vacuumBelowTheSafeRetentionIsRefusedUnlessDeltasCheckIsOff() {
    Lake lake = lake();
    String replaced = lake.path(new LakeTable(Layer.GOLD, "replaced"));
    SocialCrmException e = assertThrows(SocialCrmException.class, () -> new LakeMaintenance(session(), lake).run(0, r -> { }));
    Assertions.assertTrue(e.getMessage().contains("below the safe minimum of 168 hours"), e.getMessage());
    assertEquals(3, session().read().format("delta").option("versionAsOf", 0).load(replaced).count(), "nothing vacuumed");

    session().conf().set(LakeMaintenance.RETENTION_CHECK, "false");
    try {
      List<LakeMaintenance.TableResult> results = new LakeMaintenance(session(), lake).run(0, r -> { });
      LakeMaintenance.TableResult gold = results.stream().filter(r -> r.table().equals("gold.replaced")).findFirst().orElseThrow();
      Assertions.assertTrue(gold.vacuumed() >= 2, gold.toString());
      assertEquals(List.of("[100,v100]", "[101,v101]"), contents(replaced));
      // rows, not count(): Delta answers a count from the log's statistics without opening a file
      assertThrows(Exception.class, () -> session().read().format("delta").option("versionAsOf", 0).load(replaced)
              .collectAsList(),
          "the overwritten version's files are gone");
    } finally {
      session().conf().unset(LakeMaintenance.RETENTION_CHECK);
    }
  }

  @Test
  void theCommandPrintsEachTableAndRefusesBadRetentionsInOneLine() {
    Lake lake = lake();
    Result r = cli("maintain", "--lake", lake.root());
    assertEquals(0, r.code(), r.err());
    Assertions.assertTrue(r.out().matches("(?s).*silver\\.appended\\s+files\\s+\\d+ ->\\s+1\\s+vacuumed\\s+0.*"), r.out());
    Assertions.assertTrue(r.out().contains("maintained 2 tables"), r.out());
    assertOneLineError(cli("maintain", "--lake", lake.root(), "--retain-hours", "24"), 2, "below the safe minimum");
    assertOneLineError(cli("maintain", "--lake", lake.root(), "--retain-hours", "a week"), 1,
        "maintenance.vacuum.retain.hours");
    assertOneLineError(cli("maintain", "--lake", tmp.resolve("nowhere").toString()), 1, "cannot use the lake");
    assertOneLineError(cli("maintain", "--lake", lake.root(), "--retain-hours", "-1"), 1,
        "maintenance.vacuum.retain.hours='-1' (from flag) is invalid: expected a whole number >= 0 (hours)");
  }

  @Test
  void aTableThatCannotBeMaintainedStopsTheRunWithItsName() throws Exception {
    Lake lake = lake();
    Path log = Path.of(lake.root(), "gold", "broken", "_delta_log");
    Files.createDirectories(log);
    Files.writeString(log.resolve("00000000000000000000.json"), "{not a delta log\n");
    SocialCrmException e = assertThrows(SocialCrmException.class,
        () -> new LakeMaintenance(session(), lake).run(168, r -> { }));
    Assertions.assertTrue(e.getMessage().contains("gold.broken"), e.getMessage());
  }
}

package io.socialcrm.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** A step's scratch files: the rows and their types come back as they were computed, and go when the step ends. */
class RunScratchTest extends SparkTestBase {

  @Test
  void keepsRowsAndTypesAsOneFileScanAndRemovesItsFolderOnClose() {
    Path root = newTempDir("scratch-lake");
    Lake lake = new Lake(session(), root.toString());
    Dataset<Row> rows = session().sql("SELECT * FROM VALUES ('C1', CAST(12.50 AS DECIMAL(14,2)), DATE'2026-11-01',"
        + " TIMESTAMP'2026-11-01 10:00:00', array('x', 'y'), map('k', 1L)),"
        + " ('C2', NULL, NULL, NULL, array(), map()) AS t(id, amount, d, ts, tags, counts)");
    RunScratch scratch = new RunScratch(session(), lake, "marts");
    Dataset<Row> computed = rows.groupBy("id").agg(max("amount").as("amount"), max("d").as("d"), max("ts").as("ts"),
        first("tags").as("tags"), first("counts").as("counts"), count(lit(1)).as("n"));
    Dataset<Row> kept = scratch.keep(computed);
    Dataset<Row> again = scratch.keep(kept.where("id = 'C1'"));
    assertEquals(Arrays.asList(computed.schema().fields()).stream()
            .map(f -> f.name() + ":" + f.dataType().simpleString()).toList(),
        Arrays.asList(kept.schema().fields()).stream().map(f -> f.name() + ":" + f.dataType().simpleString()).toList());
    assertEquals(computed.orderBy("id").collectAsList(), kept.orderBy("id").collectAsList());
    assertEquals(2, kept.count());
    assertEquals(1, again.count());
    assertFalse(kept.queryExecution().optimizedPlan().toString().contains("Aggregate"),
        "the kept rows' plan is a scan of their files, not the aggregation that computed them");
    assertNotEquals(kept.inputFiles()[0], again.inputFiles()[0]);
    assertEquals(true, scratch.holds(kept));
    assertFalse(scratch.holds(computed), "the computation itself is not kept");
    Path folder = Path.of(scratch.dir());
    assertEquals(true, Files.isDirectory(folder));

    scratch.close();
    assertFalse(Files.exists(folder));
    assertFalse(Files.exists(root.resolve(RunScratch.FOLDER)), "the empty _scratch folder goes too");
  }
}

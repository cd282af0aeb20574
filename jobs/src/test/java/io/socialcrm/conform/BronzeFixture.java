package io.socialcrm.conform;

import io.delta.tables.DeltaTable;
import io.socialcrm.lake.DeclaredTable;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.row_number;

import io.socialcrm.contracts.Contracts;
import io.socialcrm.ingest.BronzeTables;
import io.socialcrm.lake.Lake;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.StructField;

/** Writes bronze partitions as ingestion does (replaceWhere on the date), from rows given as SQL literals. */
final class BronzeFixture {
  private final SparkSession spark;
  private final Lake lake;

  BronzeFixture(SparkSession spark, Path lake) {
    this.spark = spark;
    this.lake = new Lake(spark, lake.toString());
  }

  Lake lake() {
    return lake;
  }

  /**
   * Replaces {@code date}'s partition of bronze {@code input} with rows given as a SQL VALUES list over
   * {@code columns}; other columns are null. {@code cdf=false} creates the table without Change Data Feed.
   */
  void write(String input, LocalDate date, String columns, List<String> values, boolean cdf) {
    Dataset<Row> given = spark.sql("SELECT * FROM VALUES " + String.join(", ", values) + " AS t(" + columns + ")");
    Dataset<Row> empty = new BronzeChanges(spark, lake).empty(Contracts.get(input));
    List<Column> cols = new ArrayList<>();
    List<String> have = List.of(given.columns());
    for (StructField f : empty.schema().fields()) {
      Column c = have.contains(f.name()) ? col(f.name()) : lit(null);
      if (f.name().equals(BronzeTables.INGEST_DATE)) {
        c = lit(Date.valueOf(date));
      } else if (f.name().equals("_source_row")) {
        // as ingest numbers them: a record's row within its source (the VALUES order), so that source and row
        // identify a record, as BronzeChanges.KEYS expects
        c = row_number().over(Window.orderBy(monotonically_increasing_id()));
      } else if (f.name().equals("_source_file") && !have.contains(f.name())) {
        c = lit("landing/" + input + "/" + date + "/fixture.csv");
      }
      cols.add(c.cast(f.dataType()).as(f.name()));
    }
    String path = lake.path(BronzeTables.bronze(Contracts.get(input)));
    String key = "spark.databricks.delta.properties.defaults.enableChangeDataFeed";
    String before = spark.conf().get(key);
    spark.conf().set(key, String.valueOf(cdf));
    try {
      given.select(cols.toArray(new Column[0])).write().format("delta").mode("overwrite")
          .partitionBy(BronzeTables.INGEST_DATE)
          .option("replaceWhere", BronzeTables.INGEST_DATE + " = '" + date + "'")
          .save(path);
    } finally {
      spark.conf().set(key, before);
    }
  }

  void write(String input, LocalDate date, String columns, List<String> values) {
    write(input, date, columns, values, true);
  }

  Dataset<Row> silver(DeclaredTable table) {
    return spark.read().format("delta").load(lake.path(table.table()));
  }

  long version(DeclaredTable table) {
    return DeltaTable.forPath(spark, lake.path(table.table())).history(1).select("version").head().getLong(0);
  }
}

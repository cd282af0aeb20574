package io.socialcrm.ingest;

import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;

/** A lake table's content for comparisons: without the columns naming the run, maps and arrays as JSON text. */
final class TableContent {
  private TableContent() {}

  static Dataset<Row> of(SparkSession spark, Path lake, String layer, String table) {
    Dataset<Row> df = spark.read().format("delta").load(lake.resolve(layer).resolve(table).toString())
        .drop(BronzeTables.RUN_ID, BronzeTables.INGESTED_AT);
    for (String c : df.columns()) {
      if (df.schema().apply(c).dataType() instanceof MapType || df.schema().apply(c).dataType() instanceof ArrayType) {
        df = df.withColumn(c, functions.to_json(functions.col(c)));
      }
    }
    return df;
  }
}

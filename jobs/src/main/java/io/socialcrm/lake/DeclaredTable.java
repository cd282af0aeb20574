package io.socialcrm.lake;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * A lake table as declared in {@code schemas/<layer>/<name>.json} (see {@link DeclaredTables}): where it lives,
 * its columns (in order) and the columns that identify a row (for SCD2 tables, the business key plus
 * {@code valid_from}).
 */
public record DeclaredTable(LakeTable table, String description, StructType schema, List<String> keys) {

  public String name() {
    return table.name();
  }

  public List<String> columnNames() {
    return List.of(schema.fieldNames());
  }

  /** The rows with exactly the table's columns, in its order, cast to its types (extra columns dropped). */
  public Dataset<Row> conform(Dataset<Row> rows) {
    Column[] cols = new Column[schema.fields().length];
    for (int i = 0; i < cols.length; i++) {
      StructField f = schema.fields()[i];
      cols[i] = functions.col(f.name()).cast(f.dataType()).as(f.name());
    }
    return rows.select(cols);
  }

  /** {@link #conform} keeping also the {@code extra} helper columns (e.g. tie-breaks) after the table's columns. */
  public Dataset<Row> conformWith(Dataset<Row> rows, List<String> extra) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : schema.fields()) {
      cols.add(functions.col(f.name()).cast(f.dataType()).as(f.name()));
    }
    extra.stream().filter(e -> !columnNames().contains(e)).forEach(e -> cols.add(functions.col(e)));
    return rows.select(cols.toArray(new Column[0]));
  }

  /** The table's whole content; empty, with its schema, while it does not exist yet. */
  public Dataset<Row> read(SparkSession spark, Lake lake) {
    String path = lake.path(table);
    if (lake.isDeltaTable(path)) {
      return TableReader.read(spark, lake, path);
    }
    return spark.createDataFrame(new ArrayList<Row>(), schema);
  }
}

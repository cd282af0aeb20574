package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.lake.Lake;
import io.socialcrm.serve.LakeCatalog;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run Spark SQL over the lake and print the result as a table. Tables are named "
        + "bronze.<t>, silver.<t>, gold.<t> and quarantine.<t>; e.g. "
        + "socialcrm sql \"SELECT _ingest_date, count(*) FROM bronze.x_posts GROUP BY 1\"")
final class SqlCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Parameters(index = "0", paramLabel = "QUERY", description = "A Spark SQL query.")
  String query;

  @Option(names = "--max-rows", defaultValue = "100", description = "Rows to print at most (default ${DEFAULT-VALUE}).")
  int maxRows;

  @Override
  public Integer call() {
    SparkSession spark = common.spark();
    Lake lake = new Lake(spark, common.settings().get(Setting.LAKE));
    lake.requireExisting();
    LakeCatalog.register(spark, lake);
    Dataset<Row> result;
    List<Row> rows;
    try {
      result = spark.sql(query);
      rows = result.limit(maxRows + 1).collectAsList();
    } catch (Exception e) {
      throw Errors.queryFailed(query, e);
    }
    TablePrinter t = new TablePrinter(Arrays.asList(result.columns()));
    for (Row r : rows.subList(0, Math.min(rows.size(), maxRows))) {
      List<Object> values = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        values.add(r.get(i));
      }
      t.row(values);
    }
    t.print(System.out);
    System.out.println(rows.size() > maxRows ? "(first " + maxRows + " rows shown; use --max-rows)" : rows.size() + " row(s)");
    return 0;
  }
}

package io.socialcrm.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.socialcrm.common.Errors;
import io.socialcrm.contracts.Contract;
import java.time.LocalDate;
import java.util.Properties;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Reads a CRM table straight from the CRM's database over JDBC, incrementally: a run for date D takes the rows
 * whose updated-at column falls on D (UTC), so a rerun or backfill of D reads the same slice again.
 */
public final class CrmJdbcReader {
  private final SparkSession spark;
  private final String url;
  private final String schema;
  private final Properties props = new Properties();

  public CrmJdbcReader(SparkSession spark, String url, String user, String password, String schema) {
    this.spark = spark;
    this.url = url;
    this.schema = schema;
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("fetchsize", "10000");
    if (url.startsWith("jdbc:postgresql:")) {
      props.setProperty("driver", "org.postgresql.Driver");
    }
  }

  /** Where the rows came from, as shown in reports and bronze (never with a password). */
  public String sourceName(Contract contract) {
    return url.replaceAll("(?i)password=[^&;]*", "password=****") + "#" + schema + "." + contract.jdbc().get("table");
  }

  public Dataset<Row> read(Contract contract, LocalDate date) {
    String table = quote(schema) + "." + quote(contract.jdbc().get("table"));
    String updated = quote(contract.jdbc().get("updated_at"));
    String query = "(SELECT * FROM " + table + " WHERE " + updated + " >= TIMESTAMP '" + date + " 00:00:00' AND "
        + updated + " < TIMESTAMP '" + date.plusDays(1) + " 00:00:00') AS crm_slice";
    try {
      Dataset<Row> rows = spark.read().jdbc(url, query, props);
      Column[] keys = contract.keys().stream().map(k -> col(k)).toArray(Column[]::new);
      Dataset<Row> numbered = rows.withColumn(RawRecords.SOURCE_ROW,
          row_number().over(Window.orderBy(keys)).cast("long"));
      return LandingReader.fromTypedRows(contract, numbered, sourceName(contract));
    } catch (Exception e) {
      throw Errors.crmDatabase(sourceName(contract), e);
    }
  }

  private static String quote(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}

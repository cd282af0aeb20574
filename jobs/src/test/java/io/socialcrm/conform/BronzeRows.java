package io.socialcrm.conform;

import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Builds small bronze tables in memory exactly as ingestion stores them: the contract's typed columns, then
 * {@code _extra} and the ingestion metadata. Values are given as text (timestamps "yyyy-MM-dd HH:mm:ss" in UTC).
 */
final class BronzeRows {
  private final Contract contract;
  private final List<Map<String, Object>> rows = new ArrayList<>();
  private String ingestDate = "2026-11-01";

  private BronzeRows(String input) {
    this.contract = Contracts.get(input);
  }

  static BronzeRows of(String input) {
    return new BronzeRows(input);
  }

  /** Rows added after this come from the given landing date's load. */
  BronzeRows loadedOn(String date) {
    this.ingestDate = date;
    return this;
  }

  /** One row from alternating column names and values; unnamed columns are null. */
  BronzeRows row(Object... nameValues) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      String name = (String) nameValues[i];
      if (contract.column(name) == null) {
        throw new IllegalArgumentException(contract.name() + " has no column " + name);
      }
      r.put(name, nameValues[i + 1]);
    }
    r.put("_ingest_date", ingestDate);
    r.put("_source_row", (long) rows.size() + 1);
    rows.add(r);
    return this;
  }

  Dataset<Row> build(SparkSession spark) {
    StructType schema = contract.sparkSchema()
        .add("_extra", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
        .add("_source_file", DataTypes.StringType, true)
        .add("_source_row", DataTypes.LongType, true)
        .add("_run_id", DataTypes.StringType, true)
        .add("_ingested_at", DataTypes.TimestampType, true)
        .add("_ingest_date", DataTypes.DateType, true);
    List<Row> out = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Object[] values = new Object[schema.fields().length];
      String date = (String) r.get("_ingest_date");
      for (int i = 0; i < values.length; i++) {
        StructField f = schema.fields()[i];
        values[i] = switch (f.name()) {
          case "_extra" -> new HashMap<String, String>();
          case "_source_file" -> "landing/" + contract.name() + "/" + date + "/part-00000";
          case "_source_row" -> r.get("_source_row");
          case "_run_id" -> "run-" + date;
          case "_ingested_at" -> timestamp(date + " 23:00:00");
          case "_ingest_date" -> Date.valueOf(LocalDate.parse(date));
          default -> convert(r.get(f.name()), f.dataType());
        };
      }
      out.add(RowFactory.create(values));
    }
    return spark.createDataFrame(out, schema);
  }

  static Timestamp timestamp(String utc) {
    return Timestamp.from(Instant.parse(utc.replace(' ', 'T') + (utc.length() == 16 ? ":00Z" : "Z")));
  }

  private static Object convert(Object v, DataType t) {
    if (v == null || !(v instanceof String s)) {
      return v instanceof Integer i && t.equals(DataTypes.LongType) ? Long.valueOf(i) : v;
    }
    if (t.equals(DataTypes.TimestampType)) {
      return timestamp(s);
    }
    if (t.equals(DataTypes.DateType)) {
      return Date.valueOf(LocalDate.parse(s));
    }
    if (t instanceof DecimalType) {
      return new BigDecimal(s);
    }
    if (t.equals(DataTypes.LongType)) {
      return Long.parseLong(s);
    }
    if (t.equals(DataTypes.DoubleType)) {
      return Double.parseDouble(s);
    }
    return s;
  }
}

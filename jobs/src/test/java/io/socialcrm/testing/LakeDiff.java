package io.socialcrm.testing;

import io.socialcrm.common.SparkSessions;
import io.socialcrm.ingest.BronzeTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.Layer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.StructField;

/**
 * Compares the tables of two lakes built from the same landing data by different runs (e.g. a Spark standalone
 * cluster driven by Airflow and a local run): every table of every layer, row for row as multisets, without the
 * columns that name the run or the moment it ran, and with floating-point numbers rounded to 8 decimals (in double
 * columns and in JSON text such as match evidence): a sum's last digits depend on the order Spark adds its parts
 * in, which differs between a cluster and a local run. Tables whose names start with "_" (a step's processed
 * versions) are not compared: they count commits, and maintenance or a failed try adds commits.
 *
 * <p>{@code java -cp ... io.socialcrm.testing.LakeDiff LAKE_A LAKE_B} prints one line per table and exits 1 if
 * a table differs or is in one lake only (used by {@code scripts/e2e-airflow.sh}).
 */
public final class LakeDiff {
  /** Columns that differ between two runs of the same data: run ids and wall-clock times of the run. */
  static final Set<String> RUN_COLUMNS = Set.of(BronzeTables.RUN_ID, BronzeTables.INGESTED_AT, "run_id", "updated_at");

  private LakeDiff() {}

  /** One table's comparison; {@code onlyA}/{@code onlyB} are -1 when the table is missing on that side. */
  public record TableDiff(String table, long rows, long onlyA, long onlyB, List<String> sample) {
    public boolean same() {
      return onlyA == 0 && onlyB == 0;
    }
  }

  public static List<TableDiff> compare(SparkSession spark, String rootA, String rootB) {
    Lake a = new Lake(spark, rootA);
    Lake b = new Lake(spark, rootB);
    List<TableDiff> out = new ArrayList<>();
    for (Layer layer : Layer.values()) {
      Set<String> names = new TreeSet<>(a.deltaTables(layer));
      names.addAll(b.deltaTables(layer));
      for (String name : names) {
        if (name.startsWith("_")) {
          continue;
        }
        String table = layer.folder() + "." + name;
        String pathA = Lake.join(a.root(), layer.folder(), name);
        String pathB = Lake.join(b.root(), layer.folder(), name);
        if (!a.isDeltaTable(pathA) || !b.isDeltaTable(pathB)) {
          out.add(new TableDiff(table, 0, a.isDeltaTable(pathA) ? 0 : -1, b.isDeltaTable(pathB) ? 0 : -1, List.of()));
          continue;
        }
        Dataset<Row> rowsA = comparable(spark.read().format("delta").load(pathA)).cache();
        Dataset<Row> rowsB = comparable(spark.read().format("delta").load(pathB)).cache();
        Dataset<Row> onlyA = rowsA.exceptAll(rowsB);
        Dataset<Row> onlyB = rowsB.exceptAll(rowsA);
        long nA = onlyA.count();
        long nB = onlyB.count();
        List<String> sample = new ArrayList<>();
        if (nA == 1 && nB == 1) {
          sample.addAll(columnsThatDiffer(onlyA.first(), onlyB.first()));
        } else if (nA + nB > 0) {
          onlyA.toJSON().takeAsList(1).forEach(j -> sample.add("A: " + cut(j)));
          onlyB.toJSON().takeAsList(1).forEach(j -> sample.add("B: " + cut(j)));
        }
        out.add(new TableDiff(table, rowsA.count(), nA, nB, sample));
        rowsA.unpersist();
        rowsB.unpersist();
      }
    }
    return out;
  }

  /** Each column of two rows (same schema) whose values differ, around the first character that differs. */
  private static List<String> columnsThatDiffer(Row a, Row b) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String va = String.valueOf(a.get(i));
      String vb = String.valueOf(b.get(i));
      if (!va.equals(vb)) {
        int at = 0;
        while (at < Math.min(va.length(), vb.length()) && va.charAt(at) == vb.charAt(at)) {
          at++;
        }
        int from = Math.max(0, at - 80);
        out.add(a.schema().fields()[i].name() + " from char " + at + ": A ..." + oneLine(va, from) + " | B ..."
            + oneLine(vb, from));
      }
    }
    return out;
  }

  private static String oneLine(String s, int from) {
    return s.substring(Math.min(from, s.length()), Math.min(s.length(), from + 160)).replaceAll("\\s+", " ");
  }

  private static String cut(String s) {
    return s.length() > 400 ? s.substring(0, 400) + "..." : s;
  }

  private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?");

  /**
   * Every decimal number in a text rounded half-up to 8 places, trailing zeros dropped: 122.95000000000002,
   * 122.94999999999999 and 122.95 all read 122.95. (Cutting digits off, as this did first, left 122.95000000 against
   * 122.95.)
   */
  static String roundDecimals(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = DECIMAL.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String rounded = new BigDecimal(m.group()).setScale(8, RoundingMode.HALF_UP)
          .stripTrailingZeros().toPlainString();
      m.appendReplacement(out, Matcher.quoteReplacement(rounded));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static final UserDefinedFunction ROUNDED = functions.udf(
      (UDF1<String, String>) LakeDiff::roundDecimals, DataTypes.StringType);

  /** The rows without run columns, maps and arrays as JSON text (set operations cannot compare maps). */
  static Dataset<Row> comparable(Dataset<Row> df) {
    List<Column> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      if (RUN_COLUMNS.contains(f.name())) {
        continue;
      }
      Column c = functions.col("`" + f.name() + "`");
      DataType t = f.dataType();
      if (t instanceof MapType || t instanceof ArrayType || t instanceof StructType) {
        c = functions.to_json(c);
        t = DataTypes.StringType;
      }
      if (t instanceof DoubleType || t instanceof FloatType) {
        c = c.cast("string");
        t = DataTypes.StringType;
      }
      if (t instanceof StringType) {
        c = ROUNDED.apply(c);
      }
      cols.add(c.as(f.name()));
    }
    return df.select(cols.toArray(new Column[0]));
  }

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: LakeDiff LAKE_A LAKE_B");
      System.exit(2);
    }
    SparkSession spark = SparkSessions.getOrCreate("socialcrm-lake-diff");
    List<TableDiff> diffs = compare(spark, args[0], args[1]);
    long bad = 0;
    for (TableDiff d : diffs) {
      if (d.onlyA() < 0 || d.onlyB() < 0) {
        System.out.printf("  %-36s only in %s%n", d.table(), d.onlyA() < 0 ? "B" : "A");
      } else {
        System.out.printf("  %-36s %7d rows  %s%n", d.table(), d.rows(),
            d.same() ? "same" : "DIFFERS: " + d.onlyA() + " only in A, " + d.onlyB() + " only in B");
      }
      d.sample().forEach(line -> System.out.println("      " + line));
      bad += d.same() ? 0 : 1;
    }
    System.out.printf("lake diff: %d tables compared, %d differ%n", diffs.size(), bad);
    spark.stop();
    System.exit(bad == 0 && !diffs.isEmpty() ? 0 : 1);
  }
}

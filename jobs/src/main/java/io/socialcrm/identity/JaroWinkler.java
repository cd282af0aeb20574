package io.socialcrm.identity;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4), the one string similarity Spark lacks; registered
 * as the SQL function {@code jaro_winkler(a, b)} (null when either side is null).
 */
public final class JaroWinkler {
  public static final String SQL_NAME = "jaro_winkler";

  private JaroWinkler() {}

  /** Registers {@code jaro_winkler(string, string) -> double} in the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists(SQL_NAME)) {
      return;
    }
    spark.udf().register(SQL_NAME, (UDF2<String, String, Double>) (a, b) ->
        a == null || b == null ? null : similarity(a, b), DataTypes.DoubleType);
  }

  /** The Jaro-Winkler similarity of two strings, in [0, 1]; 1 when equal. */
  public static double similarity(String a, String b) {
    if (a.equals(b)) {
      return 1.0;
    }
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) {
      return 0.0;
    }
    int window = Math.max(0, Math.max(la, lb) / 2 - 1);
    boolean[] ma = new boolean[la];
    boolean[] mb = new boolean[lb];
    int matches = 0;
    for (int i = 0; i < la; i++) {
      int from = Math.max(0, i - window);
      int to = Math.min(lb - 1, i + window);
      for (int j = from; j <= to; j++) {
        if (!mb[j] && a.charAt(i) == b.charAt(j)) {
          ma[i] = true;
          mb[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0.0;
    }
    int transpositions = 0;
    int k = 0;
    for (int i = 0; i < la; i++) {
      if (ma[i]) {
        while (!mb[k]) {
          k++;
        }
        if (a.charAt(i) != b.charAt(k)) {
          transpositions++;
        }
        k++;
      }
    }
    double m = matches;
    double jaro = (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
    int prefix = 0;
    while (prefix < Math.min(4, Math.min(la, lb)) && a.charAt(prefix) == b.charAt(prefix)) {
      prefix++;
    }
    return jaro + prefix * 0.1 * (1.0 - jaro);
  }
}

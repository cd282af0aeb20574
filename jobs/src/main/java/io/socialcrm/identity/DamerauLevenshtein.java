package io.socialcrm.identity;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Damerau-Levenshtein distance in its optimal-string-alignment form (insertions, deletions, substitutions and
 * transpositions of two adjacent characters, no substring edited twice), the distance record linkage uses for
 * ids and postcodes where digits get swapped; registered as the SQL function {@code damerau_levenshtein(a, b)}
 * (null when either side is null). Spark has only plain Levenshtein, and Commons Text has no Damerau variant.
 */
public final class DamerauLevenshtein {
  public static final String SQL_NAME = "damerau_levenshtein";

  private DamerauLevenshtein() {}

  /** Registers {@code damerau_levenshtein(string, string) -> int} in the session (idempotent). */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists(SQL_NAME)) {
      return;
    }
    spark.udf().register(SQL_NAME, (UDF2<String, String, Integer>) (a, b) ->
        a == null || b == null ? null : distance(a, b), DataTypes.IntegerType);
  }

  /** The optimal-string-alignment distance of two strings (three rolling rows, no boxing). */
  public static int distance(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int la = a.length();
    int lb = b.length();
    if (la == 0 || lb == 0) {
      return Math.max(la, lb);
    }
    int[] before = new int[lb + 1];
    int[] previous = new int[lb + 1];
    int[] current = new int[lb + 1];
    for (int j = 0; j <= lb; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= la; i++) {
      current[0] = i;
      char ca = a.charAt(i - 1);
      for (int j = 1; j <= lb; j++) {
        char cb = b.charAt(j - 1);
        int cost = ca == cb ? 0 : 1;
        int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
          d = Math.min(d, before[j - 2] + 1);
        }
        current[j] = d;
      }
      int[] t = before;
      before = previous;
      previous = current;
      current = t;
    }
    return previous[lb];
  }
}

package io.socialcrm.identity;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * Jaro-Winkler similarity, the one string similarity Spark lacks, from Apache Commons Text
 * ({@link JaroWinklerSimilarity}: prefix scale 0.1, prefix up to 4, the prefix boost only when the Jaro similarity
 * is at least 0.7, as Winkler defines it); registered as the SQL function {@code jaro_winkler(a, b)} (null when
 * either side is null).
 */
public final class JaroWinkler {
  public static final String SQL_NAME = "jaro_winkler";
  /** Stateless and thread-safe: one instance serves every task. */
  private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

  private JaroWinkler() {}

  /**
   * Registers {@code jaro_winkler(string, string) -> double} in the session (idempotent). A typed UDF: Spark hands
   * it Strings and takes the Double Commons Text returns as it is (one boxed value per pair, no other conversion).
   */
  public static void register(SparkSession spark) {
    if (spark.catalog().functionExists(SQL_NAME)) {
      return;
    }
    spark.udf().register(SQL_NAME, (UDF2<String, String, Double>) JaroWinkler::boxed, DataTypes.DoubleType);
  }

  /** The UDF's body: null when either side is null, else the similarity. */
  static Double boxed(String a, String b) {
    return a == null || b == null ? null : SIMILARITY.apply(a, b);
  }

  /** The Jaro-Winkler similarity of two (non-null) strings, in [0, 1]; 1 when equal, 0 when either is empty. */
  public static double similarity(String a, String b) {
    return SIMILARITY.apply(a, b);
  }
}

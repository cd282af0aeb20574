package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How well {@link PostSignals} agrees with hand labels, per language: the 3-class sentiment confusion, its macro-F1
 * (the unweighted mean of the per-class F1) and accuracy, and precision, recall and F1 of intent to buy (the positive
 * class being "intent").
 */
public final class SentimentEvaluation {
  /** The sentiment classes, in the order of confusion matrices' rows and columns. */
  public static final List<String> CLASSES = List.of("positive", "neutral", "negative");

  /** The scores of one language. */
  public record Result(String lang, long n, double macroF1, double accuracy, double intentPrecision,
      double intentRecall, double intentF1) {}

  private SentimentEvaluation() {}

  /**
   * Counts per (lang, expected_sentiment, sentiment, expected_intent, intent_to_buy) of scored labelled posts
   * (columns lang, expected_sentiment, expected_intent and those of {@link PostSignals}): at most
   * languages × 3 × 3 × 2 × 2 rows, small enough to collect.
   */
  public static Dataset<Row> counts(Dataset<Row> scored) {
    return scored.groupBy(col("lang"), col("expected_sentiment"), col("sentiment"), col("expected_intent"),
        col("intent_to_buy")).agg(count(lit(1)).as("n"));
  }

  /** The results per language (in language order) from the rows of {@link #counts}. */
  public static List<Result> results(List<Row> counts) {
    Map<String, long[][]> sentiment = new TreeMap<>();
    Map<String, long[]> intent = new TreeMap<>();
    for (Row r : counts) {
      String lang = r.getAs("lang");
      long n = r.<Long>getAs("n");
      long[][] confusion = sentiment.computeIfAbsent(lang, k -> new long[CLASSES.size()][CLASSES.size() + 1]);
      int expected = CLASSES.indexOf(r.<String>getAs("expected_sentiment"));
      int predicted = r.getAs("sentiment") == null ? CLASSES.size() : CLASSES.indexOf(r.<String>getAs("sentiment"));
      confusion[expected][predicted] += n;
      boolean expectedIntent = r.getAs("expected_intent");
      boolean predictedIntent = Boolean.TRUE.equals(r.getAs("intent_to_buy"));
      long[] tpFpFn = intent.computeIfAbsent(lang, k -> new long[3]);
      if (expectedIntent && predictedIntent) {
        tpFpFn[0] += n;
      } else if (predictedIntent) {
        tpFpFn[1] += n;
      } else if (expectedIntent) {
        tpFpFn[2] += n;
      }
    }
    List<Result> out = new ArrayList<>();
    for (String lang : orderedLanguages(sentiment.keySet())) {
      long[][] c = sentiment.get(lang);
      long[] i = intent.get(lang);
      out.add(new Result(lang, total(c), macroF1(c), accuracy(c), precision(i[0], i[1]), recall(i[0], i[2]),
          f1(i[0], i[1], i[2])));
    }
    return out;
  }

  private static List<String> orderedLanguages(Set<String> present) {
    List<String> out = new ArrayList<>();
    Lexicons.LANGUAGES.stream().filter(present::contains).forEach(out::add);
    present.stream().filter(l -> !Lexicons.LANGUAGES.contains(l)).forEach(out::add);
    return out;
  }

  /**
   * Macro-F1 of a confusion matrix {@code c[expected][predicted]} over {@link #CLASSES}; a column beyond the classes
   * (predictions outside them, e.g. no text) counts as a miss of the expected class.
   */
  public static double macroF1(long[][] c) {
    double sum = 0;
    for (int k = 0; k < CLASSES.size(); k++) {
      long tp = c[k][k];
      long fp = 0;
      long fn = 0;
      for (int j = 0; j < c[k].length; j++) {
        if (j != k) {
          fn += c[k][j];
        }
      }
      for (int e = 0; e < CLASSES.size(); e++) {
        if (e != k) {
          fp += c[e][k];
        }
      }
      sum += f1(tp, fp, fn);
    }
    return sum / CLASSES.size();
  }

  /** Share of the diagonal. */
  public static double accuracy(long[][] c) {
    long right = 0;
    for (int k = 0; k < CLASSES.size(); k++) {
      right += c[k][k];
    }
    long n = total(c);
    return n == 0 ? 0 : (double) right / n;
  }

  private static long total(long[][] c) {
    long n = 0;
    for (long[] row : c) {
      for (long v : row) {
        n += v;
      }
    }
    return n;
  }

  /** tp / (tp + fp); 0 when nothing was predicted. */
  public static double precision(long tp, long fp) {
    return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
  }

  /** tp / (tp + fn); 0 when nothing was expected. */
  public static double recall(long tp, long fn) {
    return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
  }

  /** Harmonic mean of precision and recall, 2tp / (2tp + fp + fn); 0 when tp is 0. */
  public static double f1(long tp, long fp, long fn) {
    return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
  }
}

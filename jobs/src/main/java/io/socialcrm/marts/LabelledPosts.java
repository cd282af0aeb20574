package io.socialcrm.marts;

import io.socialcrm.common.CsvResource;
import io.socialcrm.common.Errors;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Posts written and labelled by hand to measure {@link PostSignals}: {@code schemas/lexicons/labelled/<lang>.csv}
 * per language (columns text, sentiment: positive|neutral|negative, intent_to_buy: true|false; texts quoted as in
 * RFC 4180, one record per line).
 */
public final class LabelledPosts {
  public static final String FOLDER = Lexicons.FOLDER + "/labelled";
  /** lang, text, expected_sentiment, expected_intent. */
  public static final StructType SCHEMA = new StructType()
      .add("lang", DataTypes.StringType, false)
      .add("text", DataTypes.StringType, false)
      .add("expected_sentiment", DataTypes.StringType, false)
      .add("expected_intent", DataTypes.BooleanType, false);

  private LabelledPosts() {}

  /** The labelled posts of every language in {@link Lexicons#LANGUAGES} ({@link #SCHEMA}). */
  public static Dataset<Row> load(SparkSession spark) {
    List<Row> rows = new ArrayList<>();
    for (String lang : Lexicons.LANGUAGES) {
      rows.addAll(parse(FOLDER + "/" + lang + ".csv", lang));
    }
    return spark.createDataFrame(rows, SCHEMA);
  }

  static List<Row> parse(String resource, String lang) {
    List<Row> rows = new ArrayList<>();
    for (CsvResource.Line line : CsvResource.read(resource, "text,sentiment,intent_to_buy", Errors::invalidLexicon)) {
      List<String> f = fields(line.text());
      if (f == null || f.size() != 3 || !SentimentEvaluation.CLASSES.contains(f.get(1))
          || !(f.get(2).equals("true") || f.get(2).equals("false"))) {
        throw Errors.invalidLexicon(resource, "line " + line.number()
            + " is not <text>,<positive|neutral|negative>,<true|false>");
      }
      rows.add(RowFactory.create(lang, f.get(0), f.get(1), Boolean.parseBoolean(f.get(2))));
    }
    return rows;
  }

  /** The fields of one CSV record (a quoted field may hold commas and doubled quotes); null when malformed. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (true) {
      StringBuilder field = new StringBuilder();
      if (i < line.length() && line.charAt(i) == '"') {
        i++;
        while (true) {
          if (i >= line.length()) {
            return null;
          }
          char c = line.charAt(i++);
          if (c == '"') {
            if (i < line.length() && line.charAt(i) == '"') {
              field.append('"');
              i++;
            } else {
              break;
            }
          } else {
            field.append(c);
          }
        }
        if (i < line.length() && line.charAt(i) != ',') {
          return null;
        }
      } else {
        while (i < line.length() && line.charAt(i) != ',') {
          field.append(line.charAt(i++));
        }
      }
      out.add(field.toString());
      if (i >= line.length()) {
        return out;
      }
      i++;
    }
  }
}

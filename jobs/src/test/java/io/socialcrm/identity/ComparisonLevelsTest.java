package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Each level type on hand-made pairs: the first level whose condition holds gives the gamma value. */
class ComparisonLevelsTest extends SparkTestBase {

  static final String CONFIG = """
      {"name": "levels", "left_id": "id", "right_id": "id",
       "blocking_rules": [{"name": "all", "keys": [{"left": "a", "right": "b"}]}],
       "comparisons": [
         {"name": "txt", "left_columns": ["a"], "right_columns": ["b"], "levels": [
           {"type": "null"},
           {"type": "exact"},
           {"type": "sql", "label": "same_ignoring_case", "condition": "lower(l_a) = lower(r_b)"},
           {"type": "jaro_winkler", "min": 0.9},
           {"type": "levenshtein", "max": 1},
           {"type": "else"}]},
         {"name": "either", "left_columns": ["a"], "right_columns": ["b", "c"], "levels": [
           {"type": "null", "condition": "r_b IS NULL AND r_c IS NULL"},
           {"type": "sql", "label": "a_is_b_or_c", "condition": "l_a = r_b OR l_a = r_c"},
           {"type": "else"}]}]}
      """;

  private Map<String, List<Integer>> gammas(List<Row> pairs) {
    StructType schema = new StructType().add("pair", DataTypes.StringType).add("l_id", DataTypes.StringType)
        .add("r_id", DataTypes.StringType).add("l_a", DataTypes.StringType).add("r_b", DataTypes.StringType)
        .add("r_c", DataTypes.StringType);
    LinkageEngine engine = new LinkageEngine(session(), MatchConfig.parse(CONFIG));
    Dataset<Row> compared = engine.compare(session().createDataFrame(pairs, schema));
    return compared.select("pair", "gamma_txt", "gamma_either").collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> List.of(r.getInt(1), r.getInt(2))));
  }

  private static Row pair(String name, String a, String b, String c) {
    return RowFactory.create(name, "l", "r", a, b, c);
  }

  @Test
  void firstMatchingLevelWins() {
    Map<String, List<Integer>> g = gammas(Arrays.asList(
        pair("left_null", null, "martha", null),
        pair("right_null", "martha", null, null),
        pair("exact", "martha", "martha", null),
        pair("sql", "Martha", "martha", null),
        pair("jaro_winkler", "martha", "marhta", null),
        pair("levenshtein", "ab", "xb", null),
        pair("else", "martha", "zzz", null),
        pair("either_c", "martha", "zzz", "martha")));
    assertEquals(-1, g.get("left_null").get(0));
    assertEquals(-1, g.get("right_null").get(0));
    assertEquals(0, g.get("exact").get(0));
    assertEquals(1, g.get("sql").get(0));
    assertEquals(2, g.get("jaro_winkler").get(0));
    assertEquals(3, g.get("levenshtein").get(0));
    assertEquals(4, g.get("else").get(0));
    // A null level with its own condition: null only when both right columns are null.
    assertEquals(-1, g.get("right_null").get(1));
    assertEquals(0, g.get("exact").get(1));
    assertEquals(1, g.get("else").get(1));
    assertEquals(0, g.get("either_c").get(1));
    assertEquals(1, g.get("left_null").get(1)); // l_a null: the sql condition is null, counted as false
  }
}

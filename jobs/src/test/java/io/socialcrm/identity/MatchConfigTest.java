package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.identity.MatchConfig.LevelType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Match configs load from the class path, and a broken one is rejected with a message that says what is wrong. */
class MatchConfigTest {

  static final String MINIMAL = """
      {"name": "t", "left_id": "lid", "right_id": "rid",
       "blocking_rules": [{"name": "by_a", "keys": [{"left": "a", "right": "a"}]}],
       "comparisons": [{"name": "a", "left_columns": ["a"], "right_columns": ["a"],
                        "levels": [{"type": "null"}, {"type": "exact"}, {"type": "else"}]}]}
      """;

  private static String problem(String json) {
    SocialCrmException e = assertThrows(SocialCrmException.class, () -> MatchConfig.parse(json));
    assertEquals("invalid_match_config", e.code());
    return e.getMessage();
  }

  @Test
  void loadsTheProfileToCustomerConfig() {
    MatchConfig c = MatchConfig.load("profile_customer");
    assertEquals("profile_key", c.leftId());
    assertEquals("customer_id", c.rightId());
    assertEquals(List.of("platform"), c.groupColumns());
    assertEquals(0.95, c.autoLinkProbability());
    assertEquals(0.5, c.reviewMinProbability());
    assertTrue(c.blockingRules().size() >= 5);
    assertTrue(c.comparisons().stream().anyMatch(x -> x.name().equals("name")));
    assertTrue(c.leftColumns().contains("profile_key") && c.leftColumns().contains("platform"));
    assertTrue(c.rightColumns().contains("customer_id"));
  }

  @Test
  void appliesDefaultsAndLabels() {
    MatchConfig c = MatchConfig.parse(MINIMAL);
    assertEquals(List.of(), c.groupColumns());
    assertEquals(0.95, c.autoLinkProbability());
    MatchConfig.Comparison a = c.comparisons().get(0);
    assertEquals(List.of(LevelType.EXACT, LevelType.ELSE), a.modelLevels().stream().map(MatchConfig.Level::type).toList());
    assertEquals("exact", a.modelLevels().get(0).label());
    assertEquals(List.of("lid", "a"), c.leftColumns());
  }

  @Test
  void aMissingConfigIsNamed() {
    SocialCrmException e = assertThrows(SocialCrmException.class, () -> MatchConfig.load("no_such_config"));
    assertTrue(e.getMessage().contains("schemas/matching/no_such_config.json not found"), e.getMessage());
  }

  @Test
  void brokenConfigsAreRejectedClearly() {
    assertTrue(problem("{not json").contains("not valid JSON"));
    assertTrue(problem(MINIMAL.replace("\"left_id\": \"lid\",", "")).contains("non-empty string field 'left_id'"));
    assertTrue(problem(MINIMAL.replace("\"right_id\"", "\"rigth_id\""))
        .contains("unknown field 'rigth_id'"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"soundex\"}"))
        .contains("'type' must be one of null, exact, jaro_winkler, levenshtein, damerau_levenshtein, sql, else"));
    assertTrue(problem(MINIMAL.replace(", {\"type\": \"else\"}", ""))
        .contains("the last level, and only the last, must be 'else'"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"jaro_winkler\"}"))
        .contains("a jaro_winkler level needs 'min' in (0, 1]"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"levenshtein\", \"max\": 1.5}"))
        .contains("a levenshtein level needs an integer 'max'"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"sql\", \"condition\": \"l_a = \"}"))
        .contains("cannot parse the SQL expression 'l_a = '"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"sql\", \"condition\": \"l_a = r_a\"}"))
        .contains("a sql level needs a 'label'"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}",
        "{\"type\": \"jaro_winkler\", \"min\": 0.9, \"tf_adjust\": true}"))
        .contains("tf_adjust is only allowed on an exact level"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"exact\"}", "{\"type\": \"exact\", \"left\": \"b\"}"))
        .contains("must be among the comparison's left_columns [a]"));
    assertTrue(problem(MINIMAL.replace("\"keys\": [{\"left\": \"a\", \"right\": \"a\"}]", "\"keys\": []"))
        .contains("blocking_rules[0] needs a non-empty array 'keys'"));
    assertTrue(problem(MINIMAL.replace("\"name\": \"by_a\",", "\"name\": \"by_a\", \"conditions_on\": [\"zz\"],"))
        .contains("conditions_on names an unknown comparison 'zz'"));
    assertTrue(problem(MINIMAL.replace("\"right_id\": \"rid\",",
        "\"right_id\": \"rid\", \"auto_link_probability\": 0.4, \"review_min_probability\": 0.6,"))
        .contains("review_min_probability (0.6) must not exceed auto_link_probability (0.4)"));
    assertTrue(problem(MINIMAL.replace("\"right_id\": \"rid\",", "\"right_id\": \"rid\", \"prior\": 1.5,"))
        .contains("'prior' = 1.5 is out of range (0, 1)"));
    assertTrue(problem(MINIMAL.replace("\"right_id\": \"rid\",", "\"right_id\": \"rid\", \"u_random_pairs\": \"many\","))
        .contains("'u_random_pairs' must be a number"));
    assertTrue(problem(MINIMAL.replace("{\"type\": \"null\"}, {\"type\": \"exact\"}",
        "{\"type\": \"exact\"}, {\"type\": \"null\"}")).contains("a null level may appear once, as the first level"));
  }
}

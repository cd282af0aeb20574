package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * schemas/matching/febrl4.json loads, and its SQL levels do what Splink's comparisons do: Damerau-Levenshtein (an
 * adjacent transposition is one edit) and date differences as Splink's AbsoluteDateDifferenceLevel, invalid dates null.
 */
class Febrl4ConfigTest extends SparkTestBase {

  @Test
  void damerauLevenshteinAndDateLevels() {
    MatchConfig config = MatchConfig.load("febrl4");
    assertEquals(7, config.blockingRules().size());
    assertEquals(List.of("date_of_birth", "postcode"),
        config.blockingRules().stream().filter(MatchConfig.BlockingRule::train).map(MatchConfig.BlockingRule::name)
            .toList());
    List<String> cols = List.of("given_name", "surname", "date_of_birth", "soc_sec_id", "street_number", "postcode");
    StructType schema = new StructType();
    for (String side : List.of("l_", "r_")) {
      for (String c : cols) {
        schema = schema.add(side + c, DataTypes.StringType);
      }
    }
    // given_name, surname, date_of_birth, soc_sec_id, street_number, postcode: left then right.
    List<Row> rows = new ArrayList<>();
    rows.add(pair("19560409", "1234567", "4129", "19560409", "1243567", "4192")); // exact; one transposition; one
    rows.add(pair("19560409", "1234567", "4129", "19560419", "1243568", "4912")); // lev 1; transposition + edit; two
    rows.add(pair("19560409", "1234567", "4129", "19560503", "1234000", "4139")); // 24 days; else; one substitution
    rows.add(pair("19560409", "1234567", "4129", "19570101", null, "5555"));      // 267 days; null; else
    rows.add(pair("19560231", "1234567", "4129", "19560409", "1234567", "4129")); // invalid date: null; exact; exact
    rows.add(pair("19560409", "1234567", "4129", "19650101", "1234567", "4129")); // 9 years
    rows.add(pair("19560409", "1234567", "4129", "19800101", "1234567", "4129")); // else
    List<Row> g = new LinkageEngine(session(), config).compare(session().createDataFrame(rows, schema))
        .select("gamma_date_of_birth", "gamma_soc_sec_id", "gamma_postcode").collectAsList();
    // date_of_birth: exact 0, levenshtein<=1 1, within_1_month 2, within_1_year 3, within_10_years 4, else 5.
    // soc_sec_id and postcode: exact 0, damerau_levenshtein<=1 1, <=2 2, else 3; null -1.
    assertEquals(List.of(
        List.of(0, 1, 1), List.of(1, 2, 2), List.of(2, 3, 1), List.of(3, -1, 3), List.of(-1, 0, 0), List.of(4, 0, 0),
        List.of(5, 0, 0)), g.stream().map(r -> List.of(r.getInt(0), r.getInt(1), r.getInt(2))).toList());
  }

  private static Row pair(String lDob, String lSsid, String lPc, String rDob, String rSsid, String rPc) {
    return RowFactory.create("anna", "dent", lDob, lSsid, "1", lPc, "anna", "dent", rDob, rSsid, "1", rPc);
  }
}

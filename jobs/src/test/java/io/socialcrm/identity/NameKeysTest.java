package io.socialcrm.identity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Name keys are order-insensitive and nickname-aware, and the nickname list covers the languages in the data. */
class NameKeysTest extends SparkTestBase {

  @Test
  void nicknameListMapsToCanonicalFirstNames() {
    var m = NameKeys.nicknames();
    assertEquals("robert", m.get("bob"));
    assertEquals("anthony", m.get("tony"));
    assertEquals("katarzyna", m.get("kasia"));
    assertEquals("jose", m.get("pepe"));
    assertEquals("matthias", m.get("matze"));
    assertEquals("malgorzata", m.get("gosia"));
    assertEquals("jakub", m.get("kuba"));
    assertEquals("francisco", m.get("paco"));
  }

  @Test
  void keysIgnoreOrderAndNicknames() {
    Dataset<Row> df = NameKeys.withNameKeys(session().createDataset(
        Arrays.asList("bob smith", "smith robert", "kasia nowak", "jones nicholas j", null), Encoders.STRING())
        .toDF("name_norm"), "name_norm");
    List<Row> rows = df.select(col(NameKeys.KEY), col(NameKeys.FIRST_KEY), col(NameKeys.LAST_TOKEN)).collectAsList();
    assertEquals("robert smith", rows.get(0).getString(0));
    assertEquals("robert smith", rows.get(1).getString(0));
    assertEquals("robert", rows.get(0).getString(1));
    assertEquals("smith", rows.get(1).getString(1));
    assertEquals("katarzyna nowak", rows.get(2).getString(0));
    assertEquals("j jones nicholas", rows.get(3).getString(0));
    assertEquals("j", rows.get(3).getString(2));
    assertNull(rows.get(4).get(0));
    assertNull(rows.get(4).get(1));
  }

  @Test
  void aCustomerWithTwoSurnamesHasTheKeyOfTheFirstNameAndTheFirstSurname() {
    Dataset<Row> customers = session().sql("SELECT * FROM VALUES"
        + " ('ana isabel blanco otero', 'ana isabel', 'blanco otero'), ('pepe garcia lopez', 'pepe', 'garcia lopez'),"
        + " ('anna smith', 'anna', 'smith'), (null, null, null) AS t(name_norm, first_name_norm, last_name_norm)");
    List<Row> rows = NameKeys.withCustomerNameKeys(customers, "name_norm", "first_name_norm", "last_name_norm")
        .select(col(NameKeys.KEY), col(NameKeys.FIRST_SURNAME_KEY)).collectAsList();
    // The key an account showing "Ana Isabel Blanco" or "Blanco Ana Isabel" has; nicknames canonical as in KEY.
    assertEquals("ana blanco isabel otero", rows.get(0).getString(0));
    assertEquals("ana blanco isabel", rows.get(0).getString(1));
    assertEquals("garcia jose", rows.get(1).getString(1));
    assertNull(rows.get(2).get(1), "one surname: the full name key already covers it");
    assertNull(rows.get(3).get(1));
  }
}

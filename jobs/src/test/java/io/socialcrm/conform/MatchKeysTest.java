package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Every match key on real examples, evaluated by Spark. */
class MatchKeysTest extends SparkTestBase {

  /** Applies f to each input (a one-column frame) and returns the outputs in input order. */
  private List<String> apply(Function<Column, Column> f, String... inputs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      rows.add(RowFactory.create(i, inputs[i]));
    }
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("v", DataTypes.StringType);
    Dataset<Row> df = session().createDataFrame(rows, schema);
    return df.orderBy("i").select(f.apply(col("v"))).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  private List<String> apply2(BiFunction<Column, Column, Column> f, String[][] inputs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < inputs.length; i++) {
      rows.add(RowFactory.create(i, inputs[i][0], inputs[i][1]));
    }
    StructType schema = new StructType().add("i", DataTypes.IntegerType).add("a", DataTypes.StringType)
        .add("b", DataTypes.StringType);
    return session().createDataFrame(rows, schema).orderBy("i").select(f.apply(col("a"), col("b")))
        .collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void foldRemovesAccentsSpecialLettersPunctuationAndEmoji() {
    assertEquals(Arrays.asList("lukasz zolc", "jose nunez", "strasse", "bjorn aero", "dorde", "kasia w",
            "ana maria", null, null, "abc 123"),
        apply(MatchKeys::fold, "Łukasz Żółć", "JOSÉ  Núñez", "Straße", "Bjørn Ærø", "Đorđe", "Kasia W. 🌲🔥",
            " Ana-María ", "  ¡!  ", null, "ＡＢＣ　１２３"));
  }

  @Test
  void emailIsLowerCasedWithoutTagsAndGmailDots() {
    assertEquals(Arrays.asList("annasmith@gmail.com", "jan.kowalski@wp.pl", "kasia@gmail.com", null, null,
            "a.b@outlook.com"),
        apply(MatchKeys::email, "Anna.Smith+news@GoogleMail.com", " Jan.Kowalski@WP.pl ", "k.a.s.i.a+x@gmail.com",
            "not-an-email", null, "A.B+tag@Outlook.com"));
    assertEquals(Arrays.asList("annasmith", "jan.kowalski", null),
        apply(MatchKeys::emailLocal, "Anna.Smith+news@GoogleMail.com", "Jan.Kowalski@wp.pl", "nope"));
    assertEquals(Arrays.asList("gmail.com", "wp.pl", null),
        apply(MatchKeys::emailDomain, "Anna.Smith+news@GoogleMail.com", "Jan.Kowalski@WP.PL", null));
    assertEquals(Arrays.asList("pepe.garcia@yahoo.es", null, "annasmith@gmail.com", "acoloma96@icloud.com",
            "jan.kowalski@wp.pl", null),
        apply(MatchKeys::emailInText, "Montañero. Escríbeme: Pepe.Garcia@yahoo.es 🏔", "no mail here",
            "contact anna.smith@googlemail.com", "dad of two | coffee ☕ | ✉️ acoloma96 [at] icloud.com",
            "jan.kowalski(AT)wp(dot)pl", "meet me at the gym"));
  }

  @Test
  void phonesBecomeE164WithTheCountrysCode() {
    String[][] in = {
        {"+49 (0)177 320 9738", "DE"}, {"518-949-920", "PL"}, {"087 877 1615", "IE"}, {"0151 23456789", "DE"},
        {"0160/1234567", "DE"}, {"0034 612-345-678", "ES"}, {"6 12 34 56 78", "ES"}, {"(+48) 612345678", "PL"},
        {"07700 900123", "GB"}, {"(415) 555-0123", "US"}, {"1-212-555-0199", "US"}, {"06 12 34 56 78", "FR"},
        {"06 1234 5678", "IT"}, {"020 123 4567", "NL"}, {"55 1234 5678", "MX"}, {"011 4123-4567", "AR"},
        {"612345678", "ZZ"}, {"12", "PL"}, {null, "PL"}, {"612.345.678", null}};
    assertEquals(Arrays.asList("+491773209738", "+48518949920", "+353878771615", "+4915123456789",
            "+491601234567", "+34612345678", "+34612345678", "+48612345678", "+447700900123", "+14155550123",
            "+12125550199", "+33612345678", "+390612345678", "+31201234567", "+525512345678", "+541141234567",
            null, null, null, null),
        apply2(MatchKeys::phoneE164, in));
  }

  /**
   * Real numbers (public switchboards) as customers write them, which the Spark expressions used before
   * libphonenumber (2026-12-07) got wrong: the wrong result of those is in each comment.
   */
  @Test
  void phonesAsPeopleWriteThemInSixCountries() {
    String[][] in = {
        {"+1 (202) 456-1414 ext. 200", "US"},    // +12024561414200: the extension's digits kept
        {"011 44 20 7930 4832", "US"},           // null: "011" is how the US dials abroad
        {"456-1414", "US"},                      // +14561414: a local number without its area code
        {"1-800-FLOWERS", "US"},                 // null: letters dropped
        {"tel:+44 20 7930 4832", "GB"},          // +44442079304832: the "+" after "tel:" missed
        {"+44 (0)20 7930 4832", "GB"},
        {"34 913 30 28 00", "ES"},               // +3434913302800: the country code written without "+"
        {"913 302 800", "ES"},
        {"48 22 694 25 00", "PL"},               // +4848226942500
        {"(22) 694-25-00", "PL"},
        {"+48 (0)22 694 25 00", "PL"},           // Poland has no trunk 0, yet people write "(0)"
        {"+49 030 227-0", "DE"},                 // +490302270: the trunk 0 after the country code kept
        {"0049 (0)30 227 0", "DE"},
        {"+52 1 55 5553 6266", "MX"},            // +5215555536266: the mobile "1" Mexico dropped in 2019
        {"044 55 5553 6266", "MX"},              // +520445555536266: the old mobile prefix
        {"+52 55 5553 6266", "MX"},
        {"+48 600 700 800 / 601 111 222", "PL"}, // two numbers
        {"0034 913 302 800", null}};             // no country, yet "00" says an international number follows
    assertEquals(Arrays.asList("+12024561414", "+442079304832", null, "+18003569377", "+442079304832",
            "+442079304832", "+34913302800", "+34913302800", "+48226942500", "+48226942500", "+48226942500", "+49302270",
            "+49302270", "+525555536266", "+525555536266", "+525555536266", null, "+34913302800"),
        apply2(MatchKeys::phoneE164, in));
  }

  @Test
  void handlesLoseAtSignsUrlsAndCase() {
    assertEquals(Arrays.asList("kasia_w", "kasia_w", "kasia_w", "kasia_w", "jose-nunez", "jose-nunez", null, null),
        apply(MatchKeys::handle, "@Kasia_W", "https://x.com/Kasia_W", "twitter.com/kasia_w?lang=en",
            " KASIA_W ", "https://www.linkedin.com/in/Jose-Nunez/", "linkedin.com/in/jose-nunez", "@", null));
  }

  @Test
  void facebookIdsComeFromProfileUrlsOrVanityNames() {
    assertEquals(Arrays.asList("100012345678901", "100012345678901", "anna.smith", "100099", null, null),
        apply(MatchKeys::facebookId, "https://www.facebook.com/profile.php?id=100012345678901",
            "facebook.com/profile.php?id=100012345678901&ref=x", "https://m.facebook.com/Anna.Smith/",
            "100099", "https://www.facebook.com/", null));
  }

  @Test
  void urlDomainIsTheHostWithoutWww() {
    assertEquals(Arrays.asList("nordwind.com", "blog.kasia.pl", "example.org", null, null),
        apply(MatchKeys::urlDomain, "https://www.Nordwind.com/pl?utm_source=x", "http://blog.kasia.pl:8080/a",
            "example.org/path", "not a url", null));
  }

  @Test
  void theAccentUdfWorksInSqlToo() {
    MatchKeys.register(session());
    assertEquals("Lukasz Zolc", session().sql("SELECT " + MatchKeys.STRIP_ACCENTS_SQL + "('Łukasz Żółć')").head().getString(0));
    assertNull(MatchKeys.stripAccents(null));
  }
}

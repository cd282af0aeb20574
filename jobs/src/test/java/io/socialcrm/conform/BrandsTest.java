package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The brands reference data and the brand lookups on real Spark. */
class BrandsTest extends SparkTestBase {

  @Test
  void theReferenceDataMatchesTheBrandsTheGeneratorUses() {
    List<Brands.Brand> brands = Brands.all();
    assertEquals(io.socialcrm.generate.Brands.ALL.size(), brands.size());
    for (int i = 0; i < brands.size(); i++) {
      io.socialcrm.generate.Brands.Brand g = io.socialcrm.generate.Brands.ALL.get(i);
      Brands.Brand b = brands.get(i);
      assertEquals(List.of(g.name(), g.xHandle(), g.xUserId(), g.facebookPageId(), g.facebookPageName(),
              g.linkedinOrganization(), g.domain()),
          List.of(b.name(), b.xUsername(), b.xUserId(), b.facebookPageId(), b.facebookPageName(),
              b.linkedinOrganization(), b.domain()));
      Assertions.assertTrue(b.hashtags().contains(g.hashtag()), b.name());
      assertEquals(g == io.socialcrm.generate.Brands.BRAND, b.own(), b.name());
    }
    assertEquals("Nordwind", Brands.own().name());
    assertEquals(9L, Brands.accounts(session()).count());
    assertEquals(List.of("Sólido"), Brands.accounts(session())
        .filter("platform = 'linkedin' AND account_id = 'Sólido Outdoor S.L.'").select("brand")
        .as(Encoders.STRING()).collectAsList());
  }

  @Test
  void aBrokenBrandsFileIsAClearError() {
    SocialCrmException e = assertThrows(SocialCrmException.class, () -> Brands.load("schemas/reference/nope.json"));
    assertEquals("invalid_reference_data", e.code());
  }

  private List<String> namedIn(String... texts) {
    Dataset<Row> df = session().createDataset(Arrays.asList(texts), Encoders.STRING()).toDF("text");
    // keep the input order: one partition, no shuffle
    return df.coalesce(1).select(Brands.brandNamedIn(col("text"))).as(Encoders.STRING()).collectAsList();
  }

  @Test
  void theBrandNamedFirstInATextByHandleHashtagAliasOrDomainAccentInsensitive() {
    List<String> expected = new ArrayList<>(Arrays.asList(
        "Nordwind", "Nordwind", "Alpenkraft", "Sólido", "Sólido", "Sólido", "Sólido", "Alpenkraft", "Nordwind",
        null, null, null, "Alpenkraft"));
    assertEquals(expected, namedIn(
        "Loving my new rain jacket from @nordwind 😍",
        "Widziałem witrynę NORDWIND w Lublin ⛰️",
        "Chcę kupić namiot, #alpenkraft czy nie?",
        "Me encanta mi nueva mochila de Sólido",
        "me encanta mi nueva mochila de solido",
        "Kod działa w @solido_outdoor, polecam!",
        "¿Qué ruta hacéis este finde? solido.es/es",
        "Alpenkraft vs @nordwind rain jacket: which one? 🤔",
        "Look what I found https://nordwind.com/en/trail-running?utm_campaign=x",
        "Nordwinds of change and a snordwind are not brands",
        "Heading to the mountains this weekend #hiking",
        null,
        "Zamówiłam w ALPENKRAFT ✨"));
  }

  @Test
  void accountsAndOrganizationsNameTheirBrand() {
    Dataset<Row> df = session().createDataFrame(List.of(
        RowFactory.create("3314159265", "@Solido_Outdoor", "106123450987654_99",
            "SÓLIDO OUTDOOR S.L.", "104857600123456"),
        RowFactory.create("42", "someone", "42_1", "Acme", "1")),
        new StructType().add("x", "string").add("u", "string").add("post", "string")
            .add("org", "string").add("page", "string"));
    List<Row> rows = df.coalesce(1).select(Brands.brandOfXUserId(col("x")), Brands.brandOfXUsername(col("u")),
        Brands.brandOfFacebookPostId(col("post")), Brands.brandOfLinkedinOrganization(col("org")),
        Brands.brandOfFacebookPage(col("page")), Brands.isOwnBrand(Brands.brandOfFacebookPage(col("page"))))
        .collectAsList();
    assertEquals(List.of("Sólido", "Sólido", "Alpenkraft", "Sólido", "Nordwind", true), rowValues(rows.get(0)));
    assertEquals(Arrays.asList(null, null, null, null, null, false), rowValues(rows.get(1)));
  }

  @Test
  void aBrandAccountIsKnownOnEveryPlatformByItsId() {
    Dataset<Row> accounts = session().sql("SELECT * FROM VALUES ('x', '1187654321'), ('x', '2298765432'), "
        + "('facebook', '104857600123456'), ('linkedin', 'Alpenkraft GmbH'), ('linkedin', 'Nordwind'), "
        + "('facebook', '1187654321'), ('x', '42') AS t(platform, profile_id)");
    List<Row> rows = accounts.coalesce(1).select(Brands.brandOfAccount(col("platform"), col("profile_id")),
        Brands.isBrandAccount(col("platform"), col("profile_id")),
        Brands.isOwnBrandAccount(col("platform"), col("profile_id"))).collectAsList();
    assertEquals(List.of(
        Arrays.asList("Nordwind", true, true), Arrays.asList("Alpenkraft", true, false),
        Arrays.asList("Nordwind", true, true), Arrays.asList("Alpenkraft", true, false),
        Arrays.asList("Nordwind", true, true),
        Arrays.asList(null, false, false), // an X id on another platform is not that platform's account
        Arrays.asList(null, false, false)), rows.stream().map(BrandsTest::rowValues).toList());
  }

  private static List<Object> rowValues(Row r) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < r.length(); i++) {
      out.add(r.get(i));
    }
    return out;
  }
}

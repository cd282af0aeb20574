package io.socialcrm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator's building blocks, without Spark. */
class SampleDataGeneratorPartsTest {
  private static final World WORLD = new World(3L, LocalDate.of(2024, 3, 4), 5, Sizes.of(400, 1200, 5000, 5));

  @Test
  void idsAreUniqueAndWellFormed() {
    Set<String> ids = new HashSet<>();
    for (int p = 0; p < 50_000; p++) {
      assertTrue(ids.add(Ids.xUserId(p, p % 2 == 0)));
      assertTrue(ids.add(Ids.facebookUserId(p)));
      assertTrue(ids.add(Ids.linkedinMemberId(p)));
      assertTrue(ids.add(Ids.xPostId(p % 4, p * 7919L)));
      assertTrue(ids.add(Ids.orderId(p)));
    }
    assertTrue(Ids.orderId(12).matches("^O[0-9]{8}$"));
    assertTrue(Ids.customerId(41).matches("^C[0-9]{7}$"));
    assertTrue(Ids.caseId(99).matches("^S[0-9]{7}$"));
    assertTrue(Ids.leadId(99).matches("^L[0-9]{7}$"));
    assertTrue(Ids.campaignId(4).matches("^CMP[0-9]{3,}$"));
    assertTrue(Ids.xPostId(3, 123).matches("^[0-9]{1,20}$"));
    assertThrows(IllegalArgumentException.class, () -> Ids.orderId(100_000_000L));
  }

  @Test
  void socialCustomersAreAPermutation() {
    Set<Integer> customers = new HashSet<>();
    for (int s = 0; s < WORLD.customers; s++) {
      int c = WORLD.customerOfSocial(s);
      assertEquals(s, WORLD.socialOfCustomer(c));
      customers.add(c);
    }
    assertEquals(WORLD.customers, customers.size());
    for (int p = 0; p < WORLD.socialCustomers + WORLD.secondProfiles; p++) {
      int owner = WORLD.ownerOf(p);
      int[] profiles = WORLD.profilesOf(owner);
      assertTrue(profiles[0] == p || profiles[1] == p, "profile " + p + " is among its owner's");
    }
    for (int s = 0; s < WORLD.secondProfiles; s++) {
      assertNotEquals(ProfileCore.of(WORLD, s).platform(), ProfileCore.of(WORLD, WORLD.socialCustomers + s)
          .platform(), "a second account is on another platform");
    }
  }

  @Test
  void namesLoseTheirAccentsAndSlugsAreAscii() {
    assertEquals("Lukasz Wisniewski", Names.deaccent("Łukasz Wiśniewski"));
    assertEquals("Zazolc gesla jazn", Names.deaccent("Zażółć gęślą jaźń"));
    assertEquals("Jose Ibanez", Names.deaccent("José Ibáñez"));
    assertEquals("grossmuller", Names.slug("Groß-Müller"));
    assertEquals("obrien", Names.slug("O'Brien"));
  }

  @Test
  void csvQuotesOnlyWhatNeedsIt() {
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\",,ż", Csv.line(new String[] {"a", "b,c", "say \"hi\"", null, "ż"}));
  }

  @Test
  void jsonEscapesAndKeepsOrder() {
    assertEquals("{\"b\":\"x\\\"y\\\\z\\n\",\"a\":[1,true,\"ł😀\"]}",
        Json.write(Json.obj("b", "x\"y\\z\n", "a", List.of(1, true, "ł😀"), "skipped", null)));
  }

  @Test
  void timesUseEachSourcesFormat() {
    long t = Times.startOf(LocalDate.of(2024, 3, 9)) + 7 * Times.HOUR + 5 * Times.MINUTE + 9 * Times.SECOND + 42;
    assertEquals("2024-03-09T07:05:09.042Z", Times.x(t));
    assertEquals("09/03/2024 07:05", Times.facebook(t));
    assertEquals("03/09/2024 07:05", Times.linkedin(t));
    assertEquals("2024-03-09 07:05:09", Times.crm(t));
  }

  @Test
  void campaignsLandEveryDayWithUniqueUtmValues() {
    Set<String> utms = new HashSet<>();
    for (Campaign c : WORLD.campaigns) {
      assertTrue(utms.add(c.utmCampaign()), "unique utm_campaign " + c.utmCampaign());
      String link = c.link("x", false);
      assertTrue(link.contains("utm_source=x&utm_medium=social&utm_campaign=" + c.utmCampaign()), link);
    }
    for (int day = 1; day < WORLD.days; day++) {
      int d = day;
      assertTrue(WORLD.campaigns.stream().anyMatch(c -> c.versions().stream().anyMatch(v -> v.day() == d)),
          "a campaign row on day " + day);
    }
  }

  @Test
  void optionsAreValidated() {
    Path out = Path.of("out");
    assertThrows(IllegalArgumentException.class,
        () -> new GeneratorOptions(Scale.SMALL, 0, GeneratorOptions.DEFAULT_START, 1, out));
    assertThrows(NullPointerException.class, () -> new GeneratorOptions(null, 3, LocalDate.now(), 1, out));
    assertEquals(Scale.SMALL, GeneratorOptions.defaults(out).scale());
    assertThrows(IllegalArgumentException.class,
        () -> new World(1, LocalDate.of(2024, 1, 1), 60, Scale.LARGE.sizes()));
  }
}

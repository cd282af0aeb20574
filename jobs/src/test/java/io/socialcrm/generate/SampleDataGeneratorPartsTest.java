package io.socialcrm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
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
  void xHandlesAreUniqueAsOnXAndTheOldestAccountKeepsItsPick() {
    World w = new World(5L, LocalDate.of(2024, 3, 4), 5, Sizes.of(2_000, 20_000, 5000, 5));
    Map<String, Integer> firstByPick = new HashMap<>();
    Map<Integer, String> picks = new HashMap<>();
    int shared = 0;
    for (int p = 0; p < w.profiles; p++) {
      if (ProfileCore.of(w, p).platform() == ProfileCore.X) {
        String pick = ProfileGenerator.profile(w, p).handle().toLowerCase(Locale.ROOT);
        picks.put(p, pick);
        shared += firstByPick.putIfAbsent(pick, p) != null ? 1 : 0;
      }
    }
    assertTrue(shared > 50, "independent picks collide (" + shared + "), so the pass has work to do");
    w.withUniqueXHandles();
    assertEquals(shared, w.renamedXHandleCount());
    Set<String> handles = new HashSet<>();
    for (var e : picks.entrySet()) {
      String handle = ProfileGenerator.profile(w, e.getKey()).handle();
      assertTrue(handles.add(handle.toLowerCase(Locale.ROOT)), "unique: " + handle);
      assertTrue(handle.length() <= XHandles.MAX_LENGTH, handle);
      if (firstByPick.get(e.getValue()).equals(e.getKey())) {
        assertEquals(e.getValue(), handle.toLowerCase(Locale.ROOT), "the oldest account keeps its pick");
      } else {
        assertTrue(handle.matches(".*[0-9]{2,}$"), "a renamed handle ends in digits: " + handle);
      }
    }
  }

  @Test
  void aSpaniardShowingOneSurnameIsJudgedByTheNameShown() {
    SplittableRandom r = new SplittableRandom(9);
    Person p = Person.draw(r);
    while (p.secondSurnameIndex() != 0) {
      p = Person.draw(r);
    }
    ProfileCore core = ProfileCore.of(WORLD, 0);
    Profile every = new Profile(core, "1", "h", p.firstName() + " " + p.lastName(), null, null, null, 0, 0, 0, null,
        null);
    Profile one = new Profile(core, "1", "h", p.firstName() + " " + p.surname(), null, null, null, 0, 0, 0, null,
        null);
    assertTrue(PairEvidence.showsName(one, p) && PairEvidence.showsName(every, p));
    assertTrue(PairEvidence.showsEverySurname(every, p));
    assertFalse(PairEvidence.showsEverySurname(one, p));
    // A customer with the same first name and first surname in the same city, another second surname: the name shown
    // with one surname is theirs too; with both it is not.
    Person namesake = new Person(p.countryIndex(), p.female(), p.firstIndex(), p.surnameIndex(), 1, p.cityIndex(),
        p.birthYear() - 20);
    assertNotEquals(p.lastName(), namesake.lastName());
    assertEquals(PairEvidence.nameCityKey(p, false), PairEvidence.nameCityKey(namesake, false));
    assertNotEquals(PairEvidence.nameCityKey(p, true), PairEvidence.nameCityKey(namesake, true));
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

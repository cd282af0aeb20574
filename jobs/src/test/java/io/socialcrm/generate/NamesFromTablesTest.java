package io.socialcrm.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** People named from the published frequency tables: proportions, the synthetic tail, cultures' forms, uniqueness. */
class NamesFromTablesTest {

  @Test
  void drawsKeptNamesInProportionToTheirCounts() {
    NameTable last = NameCulture.of(NameCulture.EN).last(false);
    String top = last.name(0);
    assertEquals("Smith", top);
    SplittableRandom r = new SplittableRandom(7);
    int n = 400_000;
    int smiths = 0;
    int tail = 0;
    for (int i = 0; i < n; i++) {
      int k = last.draw(r);
      if (k == 0) {
        smiths++;
      }
      if (k >= last.keptRows()) {
        tail++;
      }
    }
    // Smith is about 0.8 % of the people the 2010 census counted (2.44M of 295M)
    double share = (double) smiths / n;
    assertTrue(share > 0.0070 && share < 0.0095, "Smith share " + share);
    assertTrue(tail > 0, "some people carry a name from the synthetic tail");
  }

  @Test
  void tailNamesAreDistinctWordsAndNotKeptNames() {
    for (String culture : new String[] {NameCulture.EN, NameCulture.ES, NameCulture.PL, NameCulture.DE}) {
      NameTable t = NameCulture.of(culture).last(false);
      Set<String> kept = new HashSet<>();
      for (int i = 0; i < t.keptRows(); i++) {
        kept.add(t.name(i));
      }
      Set<String> words = new HashSet<>();
      int tail = Math.min(50_000, t.size() - t.keptRows());
      for (int i = 0; i < tail; i++) {
        String w = t.name(t.keptRows() + i);
        assertTrue(words.add(w), culture + ": tail word repeated: " + w);
        assertTrue(Character.isUpperCase(w.charAt(0)), w);
      }
      long clashes = words.stream().filter(kept::contains).count();
      assertTrue(clashes < tail / 100 + 1, culture + ": " + clashes + " tail words are kept names too");
    }
  }

  @Test
  void spaniardsCarryTwoSurnamesAndPolesGenderedOnes() {
    SplittableRandom r = new SplittableRandom(11);
    int spaniards = 0;
    int polishWomenSka = 0;
    int polishMenSka = 0;
    int polishMenSki = 0;
    int polishWomenSki = 0;
    for (int i = 0; i < 20_000; i++) {
      Person p = Person.draw(r);
      String code = p.country().code();
      if (code.equals("ES") || code.equals("MX")) {
        spaniards++;
        assertTrue(p.lastName().startsWith(p.surname() + " "), p.lastName());
        assertEquals(p.surname(), p.firstSurnameOnly().lastName());
      } else {
        assertEquals(p.surname(), p.lastName());
      }
      if (code.equals("PL")) {
        boolean ska = p.surname().endsWith("ska") || p.surname().endsWith("cka") || p.surname().endsWith("dzka");
        boolean ski = p.surname().endsWith("ski") || p.surname().endsWith("cki") || p.surname().endsWith("dzki");
        if (p.female()) {
          polishWomenSka += ska ? 1 : 0;
          polishWomenSki += ski ? 1 : 0;
        } else {
          polishMenSka += ska ? 1 : 0;
          polishMenSki += ski ? 1 : 0;
        }
      }
    }
    assertTrue(spaniards > 5_000, "a third of the people are Spanish or Mexican: " + spaniards);
    assertTrue(polishWomenSka > 500 && polishMenSki > 500, polishWomenSka + " / " + polishMenSki);
    // PESEL's lists are the real register: a few men are Kraska or Laska, a few hundred women Kowalski
    assertTrue(polishWomenSki < polishWomenSka / 100 + 1, "women with a -ski form: " + polishWomenSki);
    assertTrue(polishMenSka < polishMenSki / 50 + 1, "men with a -ska form: " + polishMenSka);
  }

  @Test
  void nicknamesComeFromTheListForCommonNamesAndAreTheNameOtherwise() {
    NameCulture pl = NameCulture.of(NameCulture.PL);
    assertEquals("Kasia", pl.nicknames("Katarzyna")[0]);
    assertEquals("Zenobia", pl.nicknames("Zenobia")[0]);
    assertNotEquals(0, NameCulture.of(NameCulture.ES).first(true).keptRows());
  }

  /**
   * The share of customers with a unique full name is close to what the whole published tables give for as many
   * people in the generator's country mix ({@code scripts/names/build_name_tables.py --expect 100323 1003323}, from the
   * untrimmed lists, recorded in scripts/names/SOURCES.md), at the medium and the large scale; the old fixed lists
   * gave none.
   */
  @Test
  void customersHaveAsManyUniqueNamesAsTheTablesGive() {
    World medium = new World(42L, LocalDate.of(2026, 11, 1), 31, Scale.MEDIUM.sizes());
    assertEquals(100_323, medium.customers);
    double mediumShare = uniqueShare(medium);
    assertTrue(Math.abs(mediumShare - 0.9652) <= 0.05, "medium: unique full names " + mediumShare + " against 0.9652");
    World large = new World(42L, LocalDate.of(2026, 11, 1), 31, Scale.LARGE.sizes());
    assertEquals(1_003_323, large.customers);
    double share = uniqueShare(large);
    assertTrue(Math.abs(share - 0.8522) <= 0.05, "large: unique full names " + share + " against 0.8522");
    System.out.printf("unique full names: medium %.4f (tables 0.9652), large %.4f (tables 0.8522)%n",
        mediumShare, share);
  }

  private static double uniqueShare(World w) {
    Map<String, Integer> counts = new HashMap<>();
    for (int c = 0; c < w.customers; c++) {
      Person p = CustomerGenerator.person(w, c);
      counts.merge(p.firstName() + " " + p.lastName(), 1, Integer::sum);
    }
    long unique = counts.values().stream().filter(v -> v == 1).count();
    return (double) unique / w.customers;
  }
}

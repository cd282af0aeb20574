package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Jaro-Winkler (Apache Commons Text) against the textbook values of the common definition. */
class JaroWinklerTest {

  @Test
  void matchesPublishedValues() {
    assertEquals(0.961, JaroWinkler.similarity("martha", "marhta"), 0.001);
    assertEquals(0.840, JaroWinkler.similarity("dwayne", "duane"), 0.001);
    assertEquals(0.813, JaroWinkler.similarity("dixon", "dicksonx"), 0.001);
    assertEquals(0.896, JaroWinkler.similarity("jellyfish", "smellyfish"), 0.001);
    assertEquals(0.982, JaroWinkler.similarity("shackleford", "shackelford"), 0.001);
    assertEquals(1.0, JaroWinkler.similarity("same", "same"));
    assertEquals(0.0, JaroWinkler.similarity("abc", "xyz"));
    assertEquals(0.0, JaroWinkler.similarity("", "abc"));
  }

  /**
   * Winkler boosts a shared prefix only when the Jaro similarity is at least 0.7: "abcdefgh"/"abcdwxyz" share
   * four letters, all in the prefix, so they stay at their Jaro 0.667 (our own implementation before 2026-12-07
   * boosted them to 0.800).
   */
  @Test
  void noPrefixBoostBelowSevenTenths() {
    assertEquals(2.0 / 3.0, JaroWinkler.similarity("abcdefgh", "abcdwxyz"), 1e-9);
    assertEquals(0.722, JaroWinkler.similarity("hardin", "martinez"), 0.001); // Jaro 0.722, no shared prefix
  }

  @Test
  void theUdfIsNullSafe() {
    assertNull(JaroWinkler.boxed(null, "martha"));
    assertNull(JaroWinkler.boxed("martha", null));
    assertEquals(0.961, JaroWinkler.boxed("martha", "marhta"), 0.001);
  }
}

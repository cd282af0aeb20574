package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Jaro-Winkler against the textbook values. */
class JaroWinklerTest {

  @Test
  void matchesPublishedValues() {
    assertEquals(0.961, JaroWinkler.similarity("martha", "marhta"), 0.001);
    assertEquals(0.840, JaroWinkler.similarity("dwayne", "duane"), 0.001);
    assertEquals(0.813, JaroWinkler.similarity("dixon", "dicksonx"), 0.001);
    assertEquals(1.0, JaroWinkler.similarity("same", "same"));
    assertEquals(0.0, JaroWinkler.similarity("abc", "xyz"));
    assertEquals(0.0, JaroWinkler.similarity("", "abc"));
  }
}

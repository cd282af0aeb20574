package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Optimal string alignment: Levenshtein plus one adjacent transposition per pair of characters. */
class DamerauLevenshteinTest {

  @Test
  void countsAnAdjacentTranspositionAsOneEdit() {
    assertEquals(0, DamerauLevenshtein.distance("4740", "4740"));
    assertEquals(1, DamerauLevenshtein.distance("4740", "4704"));
    assertEquals(1, DamerauLevenshtein.distance("ca", "ac"));
    assertEquals(2, DamerauLevenshtein.distance("1234567", "2143567"));
    assertEquals(1, DamerauLevenshtein.distance("1234567", "123456"));
    assertEquals(3, DamerauLevenshtein.distance("kitten", "sitting"));
    assertEquals(3, DamerauLevenshtein.distance("", "abc"));
    assertEquals(3, DamerauLevenshtein.distance("abc", ""));
    // Optimal string alignment edits no substring twice: "ca" -> "abc" is 3, not the unrestricted distance's 2.
    assertEquals(3, DamerauLevenshtein.distance("ca", "abc"));
    assertEquals(DamerauLevenshtein.distance("5152", "5125"), DamerauLevenshtein.distance("5125", "5152"));
  }
}

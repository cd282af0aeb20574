package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.common.SocialCrmException;
import org.junit.jupiter.api.Test;

/** The shipped lexicons load and hold what the README promises; malformed files are refused with the line. */
class LexiconsTest {

  @Test
  void shippedLexiconsHaveInflectedAndAccentFreeForms() {
    Lexicons l = Lexicons.shipped();
    assertEquals(-3.0, l.language("es").sentiment().get("pésima"));
    assertEquals(-3.0, l.language("es").sentiment().get("pesima"));
    assertEquals(3.0, l.language("pl").sentiment().get("świetnej"));
    assertEquals(3.0, l.language("pl").sentiment().get("swietnej"));
    assertTrue(l.language("pl").negators().contains("ani"));
    assertEquals(3.0, l.emoji().get("❤"));  // stored without the emoji presentation selector
    assertTrue(l.language("es").intent().contains(new Lexicons.IntentPhrase("cuánto cuesta", false)));
    assertTrue(l.language("en").intent().contains(new Lexicons.IntentPhrase("price", true)));
  }

  @Test
  void englishCompletesOtherLanguagesButNotWithTheirFunctionWords() {
    Lexicons l = Lexicons.shipped();
    assertEquals(-3.0, l.withEnglish("es").sentiment().get("awful"));
    assertEquals(l.language("pl").sentiment().get("super"), l.withEnglish("pl").sentiment().get("super"));
    assertFalse(l.detectionWords("es").contains("super"));  // listed by several languages: tells nothing
    assertTrue(l.detectionWords("pl").contains("jest"));
  }

  @Test
  void refusesOutOfRangeScoresUpperCaseTermsAndNonSymbols() {
    SocialCrmException range = assertThrows(SocialCrmException.class,
        () -> Lexicons.scores("lexicons-invalid/out_of_range.csv", "term,score", 4, 3));
    assertEquals("lexicon lexicons-invalid/out_of_range.csv is invalid: line 3: -7.0 is outside -4.0..4.0",
        range.getMessage());
    SocialCrmException upper = assertThrows(SocialCrmException.class,
        () -> Lexicons.scores("lexicons-invalid/upper_case.csv", "term,score", 4, 3));
    assertTrue(upper.getMessage().contains("line 2: 'Good' must be a lower-case term"), upper.getMessage());
    SocialCrmException symbol = assertThrows(SocialCrmException.class,
        () -> Lexicons.emoji("lexicons-invalid/sentiment_emoji.csv"));
    assertTrue(symbol.getMessage().contains("'abc' is neither one pictographic character"), symbol.getMessage());
    SocialCrmException missing = assertThrows(SocialCrmException.class, () -> Lexicons.load("no-such-folder"));
    assertEquals("lexicon no-such-folder/sentiment_en.csv is invalid: not found on the class path",
        missing.getMessage());
  }
}

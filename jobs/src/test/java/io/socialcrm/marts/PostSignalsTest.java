package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Sentiment and intent of hand-picked posts, with scores computed by hand from the shipped lexicons: a sum S of
 * term scores becomes S / sqrt(S² + 15); a negated term is × -0.74; an intensified one × (1 + boost).
 */
class PostSignalsTest extends SparkTestBase {
  private static final double EPS = 1e-9;
  private static final StructType SCHEMA = new StructType()
      .add("id", DataTypes.IntegerType, false)
      .add("text", DataTypes.StringType, true)
      .add("lang", DataTypes.StringType, true);

  private static final List<Row> input = new ArrayList<>();
  /** The examples scored once for all tests (by id). */
  private static Map<Integer, Row> scored;

  @BeforeEach
  void scoreExamplesOnce() {
    if (scored != null) {
      return;
    }
    add(1, "I love this jacket", "en");
    add(2, "Terrible service", "en");
    add(3, "not good", "en");
    add(4, "not bad at all", "en");
    add(5, "very good", "en");
    add(6, "😍😍", "en");
    add(7, "❤️", null);
    add(8, "How much is the tent?", "en");
    add(9, "Fair price", "en");
    add(10, "What's the price?", "en");
    add(11, "Kupiłam świetną kurtkę", "pl");
    add(12, "Nie polecam", "pl");
    add(13, "Pesima calidad", "es");
    add(14, "donde comprar la mochila", "es");
    add(15, "No me gustó", "es");
    add(16, "No, it's great", "en");
    add(17, null, "en");
    add(18, "   ", "es");
    add(19, "Me encanta esta mochila, es muy cómoda", null);
    add(20, "Uwielbiam ten plecak, jest bardzo wygodny", "und");
    add(21, "12345", null);
    add(22, "el delivery, awful", "es");
    add(23, "see https://t.co/x at 10:30", "en");
    add(24, "Great :)", "en");
    Dataset<Row> out = PostSignals.score(session().createDataFrame(input, SCHEMA));
    Map<Integer, Row> byId = new HashMap<>();
    for (Row r : out.collectAsList()) {
      byId.put(r.<Integer>getAs("id"), r);
    }
    scored = byId;
  }

  private static void add(int id, String text, String lang) {
    input.add(RowFactory.create(id, text, lang));
  }

  private static double vader(double sum) {
    return sum / Math.sqrt(sum * sum + 15);
  }

  private static void assertScore(int id, double expectedSum, String expectedSentiment) {
    Row r = scored.get(id);
    assertEquals(vader(expectedSum), r.<Double>getAs("sentiment_score"), EPS, "score of " + r.getAs("text"));
    assertEquals(expectedSentiment, r.getAs("sentiment"), "sentiment of " + r.getAs("text"));
  }

  private static boolean intent(int id) {
    return scored.get(id).getAs("intent_to_buy");
  }

  @Test
  void keepsEveryRowAndItsColumns() {
    Dataset<Row> in = session().createDataFrame(input, SCHEMA);
    Dataset<Row> out = PostSignals.score(in);
    assertEquals(input.size(), out.count());
    assertEquals(List.of("id", "text", "lang", "sentiment_lang", "sentiment_score", "sentiment", "intent_to_buy"),
        List.of(out.columns()));
    assertEquals(input.size(), scored.size());
    assertEquals("Terrible service", scored.get(2).getAs("text"));
  }

  @Test
  void englishPositiveAndNegativeWords() {
    assertScore(1, 3, "positive");   // love 3 → 3/sqrt(24) = 0.612
    assertScore(2, -3, "negative");  // terrible -3 → -0.612
  }

  @Test
  void negationFlipsAndDampsIntensifiersBoost() {
    assertScore(3, -0.74 * 2, "negative");  // not good: 2 × -0.74 = -1.48 → -0.357
    assertScore(4, -0.74 * -2, "positive"); // not bad (at all): -2 × -0.74 = +1.48 → 0.357
    assertScore(5, 2 * 1.3, "positive");    // very (boost 0.3) good: 2 × 1.3 = 2.6 → 0.557
    assertScore(16, 3, "positive");         // "No, it's great": the comma ends the negation's reach
  }

  @Test
  void emojiAndEmoticonsCount() {
    assertScore(6, 6, "positive");    // 😍 3 + 😍 3 → 6/sqrt(51) = 0.840
    assertScore(7, 3, "positive");    // ❤️ (heart + emoji presentation selector) 3
    assertScore(24, 3 + 2, "positive"); // great 3 + :) 2
    assertScore(23, 0, "neutral");    // neither "://" nor "10:30" is a face
  }

  @Test
  void intentPhrasesAndQuestionOnlyPhrases() {
    Assertions.assertTrue(intent(8));            // "how much" anywhere
    assertScore(8, 0, "neutral");
    Assertions.assertFalse(intent(9));           // "price" counts only in a question
    Assertions.assertTrue(intent(10));
    Assertions.assertTrue(intent(14));           // "donde comprar" without the accent
    Assertions.assertFalse(intent(1));
  }

  @Test
  void polishInflectedFormsAndNegation() {
    assertScore(11, 3, "positive");          // świetną (feminine accusative of świetny) 3
    assertScore(12, -0.74 * 3, "negative");  // nie polecam: 3 × -0.74 = -2.22 → -0.497
  }

  @Test
  void spanishWithoutAccentsNegationAndEnglishWords() {
    assertScore(13, -3, "negative");          // pesima = pésima -3
    assertScore(15, -0.74 * 2, "negative");   // no me gustó: 2 × -0.74
    assertScore(22, -3, "negative");          // awful, an English word in a Spanish post
  }

  @Test
  void noTextHasNoSentimentAndNoIntent() {
    for (int id : new int[] {17, 18}) {
      Row r = scored.get(id);
      assertNull(r.getAs("sentiment"));
      assertNull(r.getAs("sentiment_score"));
      assertNull(r.getAs("sentiment_lang"));
      assertEquals(false, r.getAs("intent_to_buy"));
    }
  }

  @Test
  void languageFromTheRowElseDetected() {
    assertEquals("pl", scored.get(12).getAs("sentiment_lang"));
    assertEquals("es", scored.get(19).getAs("sentiment_lang"));  // null lang: me, esta, es, muy ... are Spanish
    assertScore(19, 3 + 2 * 1.3, "positive");                     // encanta 3 + muy (0.3) cómoda 2
    assertEquals("pl", scored.get(20).getAs("sentiment_lang"));  // "und" is not a lexicon language: detected
    assertEquals("en", scored.get(21).getAs("sentiment_lang"));  // nothing to go by: English
    assertEquals("en", scored.get(7).getAs("sentiment_lang"));
  }
}

package io.socialcrm.marts;

import static io.socialcrm.marts.ScoredInteractionRows.NORDWIND_FB;
import static io.socialcrm.marts.ScoredInteractionRows.NORDWIND_X;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.socialcrm.testing.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** gold.share_of_voice: mentions per day, platform and brand, their sentiment split and shares. */
class ShareOfVoiceTest extends SparkTestBase {

  @Test
  void sharesOfMentionsPerDayAndPlatformWithSentiment() {
    Dataset<Row> interactions = new ScoredInteractionRows()
        // 2026-11-01 on X: Nordwind 3 mentions (positive, negative, neutral), Alpenkraft 1 (positive)
        .add("m1", "x", "u1", "post", 1, 9, "Nordwind", null, null, null, "positive")
        .add("m2", "x", "u2", "reply", 1, 10, "Nordwind", "90", NORDWIND_X, null, "negative")
        .add("m3", "x", "u3", "quote", 1, 11, "Nordwind", "90", NORDWIND_X, null, "neutral")
        .add("m4", "x", "u4", "post", 1, 12, "Alpenkraft", null, null, null, "positive")
        // not mentions: the brand account's own post and reply, a repost, a follow, a post about no brand
        .add("n1", "x", NORDWIND_X, "post", 1, 8, "Nordwind", null, null, null, "positive")
        .add("n2", "x", NORDWIND_X, "reply", 1, 13, "Nordwind", "m2", "u2", null, "neutral")
        .add("n3", "x", "u5", "repost", 1, 14, "Nordwind", "90", NORDWIND_X, null, null)
        .add("n4", "x", "u6", "follow", 1, 15, "Nordwind", null, NORDWIND_X, null, null)
        .add("n5", "x", "u7", "post", 1, 16, null, null, null, null, "positive")
        // 2026-11-01 on Facebook: one comment about Alpenkraft without text (no sentiment); the Nordwind page's
        // own post and a reaction to it do not count
        .add("m5", "facebook", "f1", "comment", 1, 9, "Alpenkraft", "P_1", "P", null, null)
        .add("n6", "facebook", NORDWIND_FB, "post", 1, 8, "Nordwind", null, null, null, "positive")
        .add("n7", "facebook", "f2", "reaction", 1, 10, "Nordwind", NORDWIND_FB + "_1", NORDWIND_FB, null, null)
        // LinkedIn: only the Nordwind organization's own post, so no LinkedIn rows
        .add("n8", "linkedin", "Nordwind", "post", 1, 8, "Nordwind", null, null, null, "positive")
        // 2026-11-02 on X: Sólido twice (neutral)
        .add("m6", "x", "u1", "post", 2, 9, "Sólido", null, null, null, "neutral")
        .add("m7", "x", "u2", "comment", 2, 9, "Sólido", null, null, null, "neutral")
        .frame(session());
    Dataset<Row> out = GoldTables.load("share_of_voice").conform(ShareOfVoice.of(interactions));
    Map<String, Row> rows = new HashMap<>();
    for (Row r : out.collectAsList()) {
      rows.put(r.getAs("date").toString() + " " + r.getAs("platform") + " " + r.getAs("brand"), r);
    }
    assertEquals(9, rows.size()); // 3 brands x (11-01 x, 11-01 facebook, 11-02 x)

    // 11-01 X: 4 mentions; Nordwind 3/4, Alpenkraft 1/4, Sólido 0
    Row nw = rows.get("2026-11-01 x Nordwind");
    assertEquals(List.of(3L, 1L, 1L, 1L, 4L), counts(nw));
    assertEquals(0.75, nw.<Double>getAs("share_of_voice"));
    assertEquals(0.5, nw.<Double>getAs("positive_share_of_voice")); // 1 of 2 positive (Nordwind, Alpenkraft)
    assertEquals(1.0, nw.<Double>getAs("negative_share_of_voice")); // the only negative
    assertEquals(0.333333, nw.<Double>getAs("positive_rate")); // 1 / 3
    assertEquals(0.0667, nw.<Double>getAs("avg_sentiment_score")); // (0.8 - 0.6 + 0) / 3
    assertEquals(true, nw.<Boolean>getAs("is_own_brand"));
    Row ak = rows.get("2026-11-01 x Alpenkraft");
    assertEquals(List.of(1L, 1L, 0L, 0L, 4L), counts(ak));
    assertEquals(0.25, ak.<Double>getAs("share_of_voice"));
    assertEquals(0.0, ak.<Double>getAs("negative_share_of_voice"));
    assertEquals(false, ak.<Boolean>getAs("is_own_brand"));
    Row so = rows.get("2026-11-01 x Sólido");
    assertEquals(List.of(0L, 0L, 0L, 0L, 4L), counts(so));
    assertEquals(0.0, so.<Double>getAs("share_of_voice"));
    assertNull(so.getAs("positive_rate"));
    assertNull(so.getAs("avg_sentiment_score"));

    // 11-01 Facebook: Alpenkraft's comment without text counts as a mention without sentiment
    Row fb = rows.get("2026-11-01 facebook Alpenkraft");
    assertEquals(List.of(1L, 0L, 0L, 0L, 1L), counts(fb));
    assertEquals(1.0, fb.<Double>getAs("share_of_voice"));
    assertNull(fb.getAs("positive_share_of_voice")); // no positive mention that day on Facebook
    assertEquals(0.0, rows.get("2026-11-01 facebook Nordwind").<Double>getAs("share_of_voice"));

    assertEquals(1.0, rows.get("2026-11-02 x Sólido").<Double>getAs("share_of_voice"));
    assertEquals(0.0, rows.get("2026-11-02 x Nordwind").<Double>getAs("share_of_voice"));
  }

  /** mentions, positive, neutral, negative, all_mentions. */
  private static List<Long> counts(Row r) {
    return List.of(r.<Long>getAs("mentions"), r.<Long>getAs("positive_mentions"), r.<Long>getAs("neutral_mentions"),
        r.<Long>getAs("negative_mentions"), r.<Long>getAs("all_mentions"));
  }
}

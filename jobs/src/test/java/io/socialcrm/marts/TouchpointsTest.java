package io.socialcrm.marts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Touchpoints over {@link BrandActivity} (see there for who did what). */
class TouchpointsTest extends SparkTestBase {

  @Test
  void brandPostsAreOurBrandAccountsPostsKeyedByThePlatformsPostId() {
    Dataset<Row> posts = Touchpoints.brandPosts(BrandActivity.interactions(session()));
    List<String> got = new ArrayList<>();
    for (Row r : posts.orderBy("platform", "post_id").collectAsList()) {
      got.add(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2));
    }
    // The competitor's post 200 is a brand account's, but not ours.
    assertEquals(List.of("facebook/" + BrandActivity.FB_POST + "/camp-n", "x/100/camp-n", "x/101/null"), got);
  }

  @Test
  void touchesAreLinkedPeoplesCampaignLinksEngagementsAndMentionsOfOurBrand() {
    Dataset<Row> interactions = BrandActivity.interactions(session());
    Dataset<Row> touches = Touchpoints.of(People.withPerson(interactions, BrandActivity.links(session())),
        Touchpoints.brandPosts(interactions), BrandActivity.campaigns(session()));
    List<String> got = new ArrayList<>();
    for (Row r : touches.orderBy("touch_ts", "touch_id").collectAsList()) {
      got.add(String.join(" ", r.<String>getAs("touch_id"), r.<String>getAs("customer_id"),
          r.<String>getAs("platform"), String.valueOf(r.<String>getAs("campaign_id")), r.<String>getAs("channel"),
          r.<String>getAs("touch_type")));
    }
    assertEquals(List.of(
        "x:repost:300 C1 x camp-n x:camp-n brand_post_engagement",
        "x:reply:301 C1 x null x:organic brand_post_engagement",
        "x:post:302 C1 x camp-n x:camp-n campaign_link",
        "x:post:303 C1 x null x:organic mention",
        "x:quote:306 C1 x camp-n x:camp-n campaign_link",
        "fb:reaction:" + BrandActivity.FB_POST + ":f1 C1 facebook camp-n facebook:camp-n brand_post_engagement",
        "fb:comment:9 C1 facebook camp-n facebook:camp-n brand_post_engagement"), got);
    assertEquals(PathRows.day(1), touches.where("touch_id = 'x:repost:300'").first().<Timestamp>getAs(
        "touch_ts").toInstant());
  }
}

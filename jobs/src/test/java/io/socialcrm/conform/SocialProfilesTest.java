package io.socialcrm.conform;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** silver.social_profiles from every social input: attributes kept across thin events, versions, activity. */
class SocialProfilesTest extends SparkTestBase {
  static final LocalDate D1 = LocalDate.of(2026, 11, 1);
  static final LocalDate D2 = LocalDate.of(2026, 11, 2);
  static final String POSTS = "id, author_id, created_at, text, includes_users";
  static final String FOLLOWS = "follower_id, follower_username, target_user_id, target_username, event, event_time";

  @TempDir
  Path lake;

  static String user(String id, String username, String name, String location, String bio, long followers) {
    return "{\"id\":\"" + id + "\",\"username\":\"" + username + "\",\"name\":\"" + name + "\",\"location\":\""
        + location + "\",\"description\":\"" + bio + "\",\"url\":\"https://www.kasia-gory.pl/blog\","
        + "\"public_metrics\":{\"followers_count\":" + followers + ",\"following_count\":7}}";
  }

  static String post(String id, String author, String ts, String... users) {
    return "('" + id + "', '" + author + "', TIMESTAMP'" + ts + "', 'hello', '[" + String.join(",", users) + "]')";
  }

  private ConformResult conform(BronzeFixture f, LocalDate date) {
    return new ConformJob(session(), f.lake(), List.of(ProfilesTransform.BUILD)).run(date, "run-" + date);
  }

  @Test
  void followEventsKeepKnownAttributesAndChangesMakeVersions() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    String kasia = user("501", "Kasia_W", "Kasia Wiśniewska 🏔", "Kraków, Polska", "Góry! kasia.w+x@GoogleMail.com", 120);
    f.write("x_posts", D1, POSTS, List.of(
        post("9001", "501", "2026-11-01 10:00:00", kasia, user("1187654321", "nordwind", "Nordwind", "", "", 50000))));
    f.write("x_follows", D1, FOLLOWS, List.of(
        "('501', 'Kasia_W', '1187654321', 'nordwind', 'follow', TIMESTAMP'2026-11-01 12:00:00')",
        "('777', 'pepe_gz', '1187654321', 'nordwind', 'follow', TIMESTAMP'2026-11-01 13:00:00')"));
    f.write("facebook_reactions", D1, "post_id, user_id, user_name, reaction_type, reacted_time", List.of(
        "('p1', '100012345', 'José Núñez', 'LIKE', TIMESTAMP'2026-11-01 09:00:00')"));
    f.write("linkedin_followers", D1, "follower_urn, member_name, headline, location, profile_url, organization, followed_date",
        List.of("('urn:li:person:abc', 'Anna Smith', 'Buyer', 'Dublin, Ireland', 'https://www.linkedin.com/in/Anna-Smith-1', 'Nordwind', TIMESTAMP'2026-11-01 08:00:00')"));
    ConformResult first = conform(f, D1);
    assertEquals(new ConformResult.TableResult("social_profiles", 5, 5, 0), first.table("social_profiles"));

    Row k = f.silver(SilverTables.SOCIAL_PROFILES).filter("platform = 'x' AND profile_id = '501'").head();
    assertEquals("Kasia Wiśniewska 🏔", k.getAs("display_name"), "the follow event's missing name did not erase it");
    assertEquals("kasia wisniewska", k.getAs("name_norm"));
    assertEquals("krakow", k.getAs("location_norm"));
    assertEquals("kasia-gory.pl", k.getAs("url_domain"));
    assertEquals("kasiaw@gmail.com", k.getAs("email_norm"));
    assertEquals("kasia_w", k.getAs("handle_norm"));
    assertEquals(120L, (long) k.<Long>getAs("followers"));
    assertEquals(Timestamp.valueOf("2026-11-01 10:00:00"), k.getAs("first_seen"));
    assertEquals(Timestamp.valueOf("2026-11-01 12:00:00"), k.getAs("last_seen"));
    Assertions.assertFalse(k.<Boolean>getAs("is_brand"));
    Assertions.assertTrue(f.silver(SilverTables.SOCIAL_PROFILES).filter("profile_id = '1187654321'").head()
        .<Boolean>getAs("is_brand"), "the brand's own X account is flagged from brands.json");
    Row pepe = f.silver(SilverTables.SOCIAL_PROFILES).filter("profile_id = '777'").head();
    assertEquals("pepe_gz", pepe.getAs("handle"));
    Row li = f.silver(SilverTables.SOCIAL_PROFILES).filter("platform = 'linkedin'").head();
    assertEquals("anna-smith-1", li.getAs("handle"));
    assertEquals("dublin", li.getAs("location_norm"));
    Row fb = f.silver(SilverTables.SOCIAL_PROFILES).filter("platform = 'facebook'").head();
    assertEquals("jose nunez", fb.getAs("name_norm"));
    Assertions.assertNull(fb.getAs("handle"));

    // Day 2: only a follow (username only) for Kasia, later a post with more followers (in place), then one
    // from a new location (a new version).
    f.write("x_follows", D2, FOLLOWS, List.of(
        "('501', 'Kasia_W', '2298765432', 'alpenkraft', 'follow', TIMESTAMP'2026-11-02 08:00:00')"));
    f.write("x_posts", D2, POSTS, List.of(
        post("9002", "501", "2026-11-02 09:00:00", user("501", "Kasia_W", "Kasia Wiśniewska 🏔", "Kraków, Polska",
            "Góry! kasia.w+x@GoogleMail.com", 130)),
        post("9003", "501", "2026-11-02 18:00:00", user("501", "Kasia_W", "Kasia Wiśniewska 🏔", "Zakopane",
            "Góry! kasia.w+x@GoogleMail.com", 135))));
    ConformResult second = conform(f, D2);
    assertEquals(new ConformResult.TableResult("social_profiles", 3, 1, 1), second.table("social_profiles"));
    List<Row> versions = f.silver(SilverTables.SOCIAL_PROFILES).filter("profile_id = '501'").orderBy("valid_from")
        .select("location", "valid_to", "is_current", "followers", "last_seen", "first_seen").collectAsList();
    assertEquals(2, versions.size());
    assertEquals("Kraków, Polska", versions.get(0).getString(0));
    assertEquals(Timestamp.valueOf("2026-11-02 18:00:00"), versions.get(0).get(1));
    assertEquals("Zakopane", versions.get(1).getString(0));
    Assertions.assertTrue(versions.get(1).getBoolean(2));
    assertEquals(135L, versions.get(1).getLong(3));
    assertEquals(Timestamp.valueOf("2026-11-02 18:00:00"), versions.get(1).get(4));
    assertEquals(Timestamp.valueOf("2026-11-01 10:00:00"), versions.get(1).get(5));

    // Nothing new: nothing changes.
    long version = f.version(SilverTables.SOCIAL_PROFILES);
    assertEquals(new ConformResult.TableResult("social_profiles", 0, 0, 0), conform(f, D2).table("social_profiles"));
    assertEquals(version, f.version(SilverTables.SOCIAL_PROFILES));
  }

  @Test
  void aThinLaterEventOnlyMovesLastSeen() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    f.write("x_posts", D1, POSTS, List.of(post("9001", "501", "2026-11-01 10:00:00",
        user("501", "Kasia_W", "Kasia", "Kraków", "bio", 120))));
    conform(f, D1);
    f.write("x_follows", D2, FOLLOWS, List.of(
        "('501', 'Kasia_W', '1187654321', 'nordwind', 'follow', TIMESTAMP'2026-11-02 08:00:00')"));
    assertEquals(new ConformResult.TableResult("social_profiles", 1, 0, 1), conform(f, D2).table("social_profiles"));
    Row k = f.silver(SilverTables.SOCIAL_PROFILES).head();
    assertEquals(1L, f.silver(SilverTables.SOCIAL_PROFILES).count());
    assertEquals("Kasia", k.getAs("display_name"));
    assertEquals(120L, (long) k.<Long>getAs("followers"));
    assertEquals(Timestamp.valueOf("2026-11-02 08:00:00"), k.getAs("last_seen"));
  }

  @Test
  void anAccountFirstSeenThinIsEnrichedInPlaceWithoutAVersion() {
    BronzeFixture f = new BronzeFixture(session(), lake);
    // Same batch: a follow before the first post.
    f.write("x_follows", D1, FOLLOWS, List.of(
        "('501', 'Kasia_W', '1187654321', 'nordwind', 'follow', TIMESTAMP'2026-11-01 08:00:00')",
        "('601', 'jan_k', '1187654321', 'nordwind', 'follow', TIMESTAMP'2026-11-01 08:00:00')"));
    f.write("x_posts", D1, POSTS, List.of(post("9001", "501", "2026-11-01 10:00:00",
        user("501", "Kasia_W", "Kasia", "Kraków", "bio", 120))));
    assertEquals(new ConformResult.TableResult("social_profiles", 3, 2, 0), conform(f, D1).table("social_profiles"));
    // Next batch: the account known only from its follow posts for the first time.
    f.write("x_posts", D2, POSTS, List.of(post("9002", "601", "2026-11-02 10:00:00",
        user("601", "jan_k", "Jan Kowalski", "Łódź, Polska", "bio", 3))));
    assertEquals(new ConformResult.TableResult("social_profiles", 1, 0, 1), conform(f, D2).table("social_profiles"));
    assertEquals(2L, f.silver(SilverTables.SOCIAL_PROFILES).count(), "one version per account");
    Row kasia = f.silver(SilverTables.SOCIAL_PROFILES).filter("profile_id = '501'").head();
    assertEquals("Kasia", kasia.getAs("display_name"));
    assertEquals(Timestamp.valueOf("2026-11-01 08:00:00"), kasia.getAs("valid_from"));
    Row jan = f.silver(SilverTables.SOCIAL_PROFILES).filter("profile_id = '601'").head();
    assertEquals("jan kowalski", jan.getAs("name_norm"));
    assertEquals("lodz", jan.getAs("location_norm"));
    assertEquals(Scd2.rowHashOf(session(), jan, ProfilesTransform.TRACKED), jan.getAs("row_hash"));
  }
}

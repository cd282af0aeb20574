package io.socialcrm.conform;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.testing.SparkTestBase;
import java.sql.Date;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** silver.interactions from every social export, on hand-built bronze rows shaped like the generator's. */
class InteractionsTransformTest extends SparkTestBase {

  private static final String NORDWIND_USER =
      "{\"id\":\"1187654321\",\"username\":\"nordwind\",\"name\":\"Nordwind\",\"location\":\"Europe\"}";
  private static final String ALPENKRAFT_USER = "{\"id\":\"2298765432\",\"username\":\"alpenkraft\",\"name\":\"Alpenkraft\"}";

  private static String user(String id, String username) {
    return "{\"id\":\"" + id + "\",\"username\":\"" + username + "\",\"name\":\"Someone\",\"description\":\"\","
        + "\"public_metrics\":{\"followers_count\":8,\"following_count\":515,\"tweet_count\":19609}}";
  }

  private static Object[] post(String id, String author, String text, String lang, String refs, String inReplyTo,
      String entities, String users, long likes) {
    return new Object[] {"id", id, "author_id", author, "created_at", "2026-11-01 07:20:57", "text", text,
        "lang", lang, "conversation_id", id, "in_reply_to_user_id", inReplyTo, "referenced_tweets", refs,
        "entities", entities, "retweet_count", 3L, "reply_count", 2L, "like_count", likes, "quote_count", 1L,
        "impression_count", 100L, "includes_users", users};
  }

  private Dataset<Row> xPosts() {
    return BronzeRows.of("x_posts")
        // an original post naming the brand by hashtag, with a promo code and an order number
        .row(post("1", "29443739", "Acabo de usar el código SENDA15 en #nordwind, pedido nw-261101-12345678 🏔️", "es",
            null, null, "{\"hashtags\":[{\"start\":35,\"end\":44,\"tag\":\"nordwind\"}]}",
            "[" + user("29443739", "mazur_basia794") + "]", 1))
        // a reply to the competitor's post
        .row(post("2", "1300662715086509504", "@alpenkraft Wysyłacie do Szczecin?", "pl",
            "[{\"type\":\"replied_to\",\"id\":\"1718909255768405022\"}]", "2298765432",
            "{\"mentions\":[{\"start\":0,\"end\":11,\"username\":\"alpenkraft\",\"id\":\"2298765432\"}]}",
            "[" + user("1300662715086509504", "alewandowsk5351") + "," + ALPENKRAFT_USER + "]", 0))
        // a repost of the brand's post carrying a UTM link
        .row(post("3", "1307922179355410799",
            "RT @nordwind: Semana del Senderismo: hasta -30% con el código SENDA15 🎉 https://t.co/HkF5gk4ceQ #monte",
            "es", "[{\"type\":\"retweeted\",\"id\":\"1713812293309173660\"}]", null,
            "{\"mentions\":[{\"start\":3,\"end\":12,\"username\":\"nordwind\",\"id\":\"1187654321\"}],"
                + "\"hashtags\":[{\"start\":96,\"end\":102,\"tag\":\"monte\"}],"
                + "\"urls\":[{\"start\":72,\"end\":95,\"url\":\"https://t.co/HkF5gk4ceQ\",\"expanded_url\":"
                + "\"https://nordwind.com/es/senderismo?utm_source=x&utm_medium=social&utm_campaign="
                + "nw_semana_senderismo_2026_all\",\"display_url\":\"nordwind.com/es/senderism…\"}]}",
            "[" + user("1307922179355410799", "roblanco999") + "," + NORDWIND_USER + "]", 0))
        // a quote of the brand's post: no brand word in the text, the quoted account names it
        .row(post("4", "1309270770704633050", "Finally! 🏔️ https://t.co/Rilm21YLTl", "en",
            "[{\"type\":\"quoted\",\"id\":\"1713812293309173660\"}]", null,
            "{\"urls\":[{\"start\":12,\"end\":35,\"url\":\"https://t.co/Rilm21YLTl\",\"expanded_url\":"
                + "\"https://twitter.com/nordwind/status/1713812293309173660\"}]}",
            "[" + user("1309270770704633050", "mattclark3117") + "," + NORDWIND_USER + "]", 0))
        // the brand's care reply: the brand is the author
        .row(post("5", "1187654321", "@richter_bine88 sorry to hear that! Please DM us your order number 🙏", "en",
            "[{\"type\":\"replied_to\",\"id\":\"1721157725909028697\"}]", "80049590",
            "{\"mentions\":[{\"start\":0,\"end\":15,\"username\":\"richter_bine88\",\"id\":\"80049590\"}]}",
            "[" + NORDWIND_USER + "," + user("80049590", "richter_bine88") + "]", 2))
        // no brand at all, no entities, language undetermined
        .row(post("6", "42", "Heading to the mountains this weekend #hiking", "und", null, null, null,
            "[" + user("42", "someone") + "]", 0))
        // a competitor named by an accent-insensitive alias
        .row(post("7", "43", "Me pasé de SOLIDO a otra marca", "es", null, null, null,
            "[" + user("43", "other") + "]", 0))
        .build(session());
  }

  private Dataset<Row> campaigns() {
    return session().createDataFrame(List.of(
            RowFactory.create("CMP004", "nw_semana_senderismo_2026_all"),
            RowFactory.create("CMP002", "ak_always_on_2026_all"),
            RowFactory.create("CMP001", "nw_always_on_2026_all")),
        new StructType().add("campaign_id", "string").add("utm_campaign", "string"));
  }

  private static Map<String, Row> byId(Dataset<Row> silver) {
    return silver.collectAsList().stream().collect(Collectors.toMap(r -> r.getAs("interaction_id"), r -> r));
  }

  private static List<Object> values(Row r, String... columns) {
    return Arrays.stream(columns).map(c -> (Object) r.getAs(c)).collect(Collectors.toList());
  }

  private static List<String> codes(Row r) {
    return r.getList(r.fieldIndex("codes"));
  }

  private Dataset<Row> silver(InteractionsTransform.Inputs inputs) {
    Dataset<Row> out = InteractionsTransform.transform(inputs, campaigns());
    assertEquals(InteractionsTransform.COLUMNS, Arrays.asList(out.columns()));
    return out;
  }

  private static InteractionsTransform.Inputs only(Dataset<Row> xPosts) {
    return new InteractionsTransform.Inputs(xPosts, null, null, null, null, null, null);
  }

  @Test
  void xPostsArePostsRepliesRepostsAndQuotesWithTheBrandTheyAddress() {
    Map<String, Row> rows = byId(silver(only(xPosts())));
    assertEquals(7, rows.size());

    Row original = rows.get("x:post:1");
    assertEquals(Arrays.asList("x", "29443739", "post", "es", "Nordwind", true, null, null),
        values(original, "platform", "profile_id", "interaction_type", "lang", "brand", "is_own_brand",
            "target_post_id", "target_profile_id"));
    assertEquals(List.of("SENDA15", "NW-261101-12345678"), codes(original));
    assertEquals(Date.valueOf("2026-11-01"), original.getAs("interaction_date"));
    assertEquals(BronzeRows.timestamp("2026-11-01 07:20:57"), original.getAs("ts"));
    assertEquals(Arrays.asList(1L, 2L, 3L, 100L), values(original, "likes", "replies", "reposts", "impressions"));

    Row reply = rows.get("x:reply:2");
    assertEquals(Arrays.asList("reply", "Alpenkraft", false, "1718909255768405022", "2298765432"),
        values(reply, "interaction_type", "brand", "is_own_brand", "target_post_id", "target_profile_id"));
    assertEquals(List.of("2298765432"), reply.getList(reply.fieldIndex("mentioned_profile_ids")));

    Row repost = rows.get("x:repost:3");
    assertEquals(Arrays.asList("repost", "Nordwind", "1713812293309173660", "1187654321", "x", "social",
            "nw_semana_senderismo_2026_all", "CMP004"),
        values(repost, "interaction_type", "brand", "target_post_id", "target_profile_id", "utm_source",
            "utm_medium", "utm_campaign", "campaign_id"));
    assertEquals(List.of("SENDA15"), codes(repost), "the t.co link is no code");

    Row quote = rows.get("x:quote:4");
    assertEquals(Arrays.asList("quote", "Nordwind", "1713812293309173660", "1187654321", null, null),
        values(quote, "interaction_type", "brand", "target_post_id", "target_profile_id", "utm_campaign",
            "campaign_id"));

    Row care = rows.get("x:reply:5");
    assertEquals(Arrays.asList("1187654321", "reply", "Nordwind", "80049590"),
        values(care, "profile_id", "interaction_type", "brand", "target_profile_id"));
    assertEquals(List.of(), codes(care));

    Row none = rows.get("x:post:6");
    assertEquals(Arrays.asList(null, false, null), values(none, "brand", "is_own_brand", "lang"));
    assertEquals(List.of(), none.getList(none.fieldIndex("mentioned_profile_ids")));

    assertEquals(Arrays.asList("Sólido", false), values(rows.get("x:post:7"), "brand", "is_own_brand"));
  }

  @Test
  void xFollowsAreFollowsAndUnfollowsOfTheBrandsAccounts() {
    Dataset<Row> follows = BronzeRows.of("x_follows")
        .row("follower_id", "109169368", "follower_username", "piligomez033", "target_user_id", "1187654321",
            "target_username", "nordwind", "event", "unfollow", "event_time", "2026-11-03 00:47:43")
        .row("follower_id", "28829736", "follower_username", "suehughes61", "target_user_id", "3314159265",
            "target_username", "solido_outdoor", "event", "follow", "event_time", "2026-11-03 00:39:05")
        .build(session());
    Map<String, Row> rows = byId(silver(new InteractionsTransform.Inputs(null, follows, null, null, null, null,
        null)));
    assertEquals(2, rows.size());
    long millis = BronzeRows.timestamp("2026-11-03 00:47:43").getTime();
    Row unfollow = rows.get("x:unfollow:109169368:1187654321:" + millis);
    assertEquals(Arrays.asList("x", "109169368", "unfollow", "Nordwind", true, "1187654321"),
        values(unfollow, "platform", "profile_id", "interaction_type", "brand", "is_own_brand", "target_profile_id"));
    Row follow = rows.values().stream().filter(r -> "follow".equals(r.getAs("interaction_type"))).findFirst()
        .orElseThrow();
    assertEquals(Arrays.asList("28829736", "Sólido", false), values(follow, "profile_id", "brand", "is_own_brand"));
    assertEquals(Date.valueOf("2026-11-03"), follow.getAs("interaction_date"));
  }

  @Test
  void facebookPostsCommentsAndReactionsAddressThePagesBrand() {
    Dataset<Row> posts = BronzeRows.of("facebook_posts")
        .row("post_id", "104857600123456_1049790933212720", "page_id", "104857600123456", "page_name", "Nordwind",
            "created_time", "2026-11-01 10:05:00",
            "message", "Semana del Senderismo: hasta -30% con el código SENDA20 🎉 👉 nordwind.com/es/senderismo",
            "link", "https://nordwind.com/es/senderismo?utm_source=facebook&utm_medium=social"
                + "&utm_campaign=nw_semana_senderismo_2026_all",
            "reactions", 197L, "comments", 51L, "shares", 7L, "reach", 7094L)
        .build(session());
    Dataset<Row> comments = BronzeRows.of("facebook_comments")
        .row("comment_id", "1041651793036580_1121435755867332", "post_id", "106123450987654_1041651793036580",
            "author_id", "100192980946755", "author_name", "Anka Bąk", "created_time", "2026-11-01 09:07:00",
            "message", "nordwind czy @alpenkraft? który namiot lepszy? 🤔", "like_count", 1L)
        .row("comment_id", "1049790933212720_1333604464203507", "post_id", "104857600123456_1049790933212720",
            "parent_comment_id", "1049790933212720_1233604464203507", "author_id", "104857600123456",
            "author_name", "Nordwind", "created_time", "2026-11-01 10:11:00",
            "message", "Hi Jones, sorry to hear that! Please send us a private message with your order number 🙏")
        .build(session());
    Dataset<Row> reactions = BronzeRows.of("facebook_reactions")
        .row("post_id", "107000123456789_1025395381024122", "user_id", "100181007247899",
            "user_name", "Lucía Fernández", "reaction_type", "LOVE", "reacted_time", "2026-11-01 16:53:00")
        .build(session());
    Map<String, Row> rows = byId(silver(new InteractionsTransform.Inputs(null, null, posts, comments, reactions,
        null, null)));
    assertEquals(4, rows.size());

    Row post = rows.get("fb:post:104857600123456_1049790933212720");
    assertEquals(Arrays.asList("facebook", "104857600123456", "post", "Nordwind", true, "CMP004", "facebook",
            197L, 51L, 7L, 7094L, null),
        values(post, "platform", "profile_id", "interaction_type", "brand", "is_own_brand", "campaign_id",
            "utm_source", "likes", "replies", "reposts", "impressions", "lang"));
    assertEquals(List.of("SENDA20"), codes(post));

    Row comment = rows.get("fb:comment:1041651793036580_1121435755867332");
    assertEquals(Arrays.asList("100192980946755", "comment", "Alpenkraft", "106123450987654_1041651793036580",
            "106123450987654", 1L),
        values(comment, "profile_id", "interaction_type", "brand", "target_post_id", "target_profile_id", "likes"));
    Row pageReply = rows.get("fb:comment:1049790933212720_1333604464203507");
    assertEquals(Arrays.asList("104857600123456", "Nordwind"), values(pageReply, "profile_id", "brand"));

    Row reaction = rows.get("fb:reaction:107000123456789_1025395381024122:100181007247899");
    assertEquals(Arrays.asList("100181007247899", "reaction", "LOVE", "Sólido", false,
            "107000123456789_1025395381024122", "107000123456789", null),
        values(reaction, "profile_id", "interaction_type", "reaction_type", "brand", "is_own_brand",
            "target_post_id", "target_profile_id", "text"));
    assertEquals(List.of(), codes(reaction));
  }

  @Test
  void linkedinOrganizationPostsAndFollowers() {
    Dataset<Row> posts = BronzeRows.of("linkedin_posts")
        .row("post_urn", "urn:li:activity:7104027308932870459", "organization", "Sólido Outdoor S.L.",
            "created_date", "2026-11-01 18:15:00",
            "commentary", "Wiosenna Wyprzedaż już jest! Sprawdź kolekcję 🏔️ solido.es/pl/wyprzedaz #solido",
            "link", "https://solido.es/pl/wyprzedaz?utm_source=linkedin&utm_medium=social"
                + "&utm_campaign=so_wiosenna_wyprzedaz_2026_pl",
            "impressions", 2845L, "clicks", 40L, "likes", 54L, "comments", 6L, "reposts", 3L)
        .build(session());
    Dataset<Row> followers = BronzeRows.of("linkedin_followers")
        .row("follower_urn", "urn:li:person:ACoAA0JIRBLRW", "member_name", "Patricia Wilson",
            "profile_url", "https://www.linkedin.com/in/patricia-wilson-d4c5ebq", "organization", "Nordwind",
            "followed_date", "2026-11-01 01:04:00")
        .build(session());
    Map<String, Row> rows = byId(silver(new InteractionsTransform.Inputs(null, null, null, null, null, posts,
        followers)));
    assertEquals(2, rows.size());
    Row post = rows.get("li:post:urn:li:activity:7104027308932870459");
    assertEquals(Arrays.asList("linkedin", "Sólido Outdoor S.L.", "post", "Sólido", false,
            "so_wiosenna_wyprzedaz_2026_pl", null, 54L, 6L, 3L, 2845L),
        values(post, "platform", "profile_id", "interaction_type", "brand", "is_own_brand", "utm_campaign",
            "campaign_id", "likes", "replies", "reposts", "impressions"));
    Row follow = rows.get("li:follow:urn:li:person:ACoAA0JIRBLRW:Nordwind");
    assertEquals(Arrays.asList("urn:li:person:ACoAA0JIRBLRW", "follow", "Nordwind", true, "Nordwind"),
        values(follow, "profile_id", "interaction_type", "brand", "is_own_brand", "target_profile_id"));
  }

  @Test
  void theLatestLoadOfAnInteractionWins() {
    Dataset<Row> posts = BronzeRows.of("x_posts")
        .row(post("9", "42", "Loving my new tent from @nordwind 😍", "en", null, null, null,
            "[" + user("42", "someone") + "]", 1))
        .loadedOn("2026-11-02")
        .row(post("9", "42", "Loving my new tent from @nordwind 😍", "en", null, null, null,
            "[" + user("42", "someone") + "]", 40))
        .build(session());
    List<Row> rows = silver(only(posts)).collectAsList();
    assertEquals(1, rows.size());
    assertEquals(40L, (long) rows.get(0).<Long>getAs("likes"));
  }

  @Test
  void codesAreOrderNumbersAndUpperCasePromoCodesDistinctInUpperCase() {
    Dataset<Row> texts = session().createDataset(Arrays.asList(
        "Got my order NW-261101-12345678 today, code WINTER15 works, WINTER15 again!",
        "order nw-261103-00000042 still missing… (kod ZIMA10)",
        "https://t.co/ABCD123 and iPhone15 and winter15 are no codes, nor is X1 or ABC",
        null), Encoders.STRING()).toDF("text");
    List<List<String>> codes = texts.coalesce(1).select(InteractionsTransform.codesIn(col("text")).as("codes"))
        .collectAsList().stream().map(r -> r.<String>getList(0)).toList();
    assertEquals(List.of(
        List.of("NW-261101-12345678", "WINTER15"),
        List.of("NW-261103-00000042", "ZIMA10"),
        List.of(),
        List.of()), codes);
  }
}

package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Renders X posts as API v2 response objects: {@code {"data": {...}, "includes": {"users": [...]}}}, with
 * referenced tweets, entities (mentions, hashtags, t.co URLs whose expanded_url carries the UTM parameters),
 * public metrics, and the author (plus the referenced account) in includes.users.
 */
final class XPosts {
  private XPosts() {}

  private static final Texts.Kind[] ORIGINAL_KINDS = {Texts.Kind.POSITIVE, Texts.Kind.NEGATIVE, Texts.Kind.NEUTRAL,
      Texts.Kind.QUESTION, Texts.Kind.INTENT, Texts.Kind.COMPARE, Texts.Kind.ORDER, Texts.Kind.PROMO};
  private static final double[] CUSTOMER_ORIGINAL = {0.26, 0.10, 0.20, 0.12, 0.10, 0.07, 0.08, 0.07};
  private static final double[] OTHER_ORIGINAL = {0.28, 0.12, 0.22, 0.12, 0.14, 0.10, 0.0, 0.02};
  private static final Texts.Kind[] REPLY_KINDS = {Texts.Kind.REPLY_POSITIVE, Texts.Kind.REPLY_NEGATIVE,
      Texts.Kind.REPLY_QUESTION, Texts.Kind.INTENT};
  private static final double[] REPLY_WEIGHTS = {0.45, 0.2, 0.25, 0.1};

  /** What a post says and the values its entities need. */
  record Content(String text, String lang, Map<String, String> urls, Map<String, String> mentionIds) {}

  static String tco(long seed, String key) {
    long h = Rng.mix(seed, Rng.TEXT, key.hashCode(), key.length());
    StringBuilder sb = new StringBuilder("https://t.co/");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    for (int i = 0; i < 10; i++) {
      sb.append(alphabet.charAt((int) Math.floorMod(h, 62L)));
      h = Rng.mix64(h);
    }
    return sb.toString();
  }

  private static final Map<String, String> BRAND_MENTIONS = brandMentionIds();

  private static Map<String, String> brandMentionIds() {
    Map<String, String> ids = new HashMap<>();
    for (Brands.Brand b : Brands.ALL) {
      ids.put(b.xHandle().toLowerCase(Locale.ROOT), b.xUserId());
    }
    return Map.copyOf(ids);
  }

  /** The brands' ids by lower-case handle, plus one more account. */
  private static Map<String, String> mentionsWith(Profile account) {
    Map<String, String> ids = new HashMap<>(BRAND_MENTIONS);
    ids.put(account.handle().toLowerCase(Locale.ROOT), account.userId());
    return ids;
  }

  // ---- contents ----

  static Content brandContent(World w, BrandPost post) {
    Map<String, String> urls = new HashMap<>();
    String link = null;
    if (post.link() != null) {
      link = tco(w.seed, post.id());
      urls.put(link, post.link());
    }
    return new Content(BrandContent.text(w, post, link), post.lang(), urls, BRAND_MENTIONS);
  }

  /** The content of a person's post (plans are single-use: their random stream continues here). */
  static Content userContent(World w, XActivity.Plan plan, ProfileCore pc, Profile author) {
    SplittableRandom r = plan.r();
    Map<String, String> urls = new HashMap<>();
    Map<String, String> mentions = BRAND_MENTIONS;
    String lang = pc.lang(w);
    int competitor = plan.brand() == 0 ? 1 + r.nextInt(2) : (r.nextBoolean() ? 0 : 3 - plan.brand());
    String city = pc.person(w).city().local();
    String text;
    switch (plan.kind()) {
      case XActivity.REPLY_BRAND -> {
        Texts.Kind kind = REPLY_KINDS[Rng.weighted(r, REPLY_WEIGHTS)];
        text = "@" + plan.target().brandInfo().xHandle() + " " + Texts.text(r, kind, lang,
            slots(plan.brand(), competitor, city), true);
      }
      case XActivity.RETWEET_BRAND -> {
        Content original = brandContent(w, plan.target());
        urls.putAll(original.urls());
        return new Content("RT @" + plan.target().brandInfo().xHandle() + ": " + original.text(), original.lang(),
            urls, mentions);
      }
      case XActivity.QUOTE_BRAND -> {
        String link = tco(w.seed, "q" + plan.id());
        urls.put(link, "https://twitter.com/" + plan.target().brandInfo().xHandle() + "/status/" + plan.target().id());
        text = Texts.text(r, Texts.Kind.QUOTE, lang, slots(plan.brand(), competitor, city), true) + " " + link;
      }
      case XActivity.SHARE_LINK -> {
        String link = tco(w.seed, "s" + plan.id());
        urls.put(link, plan.shared().link("x", false));
        Texts.Slots s = new Texts.Slots(plan.brand(), competitor, city, null, null, link, null, null, null);
        text = Texts.text(r, Texts.Kind.SHARE_LINK, lang, s, true);
      }
      case XActivity.RETWEET_INFLUENCER -> {
        XActivity.Plan source = plan.influencer();
        ProfileCore sourceCore = ProfileCore.of(w, source.profile());
        Profile sourceAuthor = ProfileGenerator.profile(w, source.profile());
        Content original = userContent(w, freshPlan(w, source), sourceCore, sourceAuthor);
        urls.putAll(original.urls());
        return new Content("RT @" + sourceAuthor.handle() + ": " + original.text(), original.lang(), urls,
            mentionsWith(sourceAuthor));
      }
      case XActivity.REPLY_INFLUENCER -> {
        Profile sourceAuthor = ProfileGenerator.profile(w, plan.influencer().profile());
        mentions = mentionsWith(sourceAuthor);
        Texts.Kind kind = REPLY_KINDS[Rng.weighted(r, REPLY_WEIGHTS)];
        text = "@" + sourceAuthor.handle() + " " + Texts.text(r, kind, lang, slots(plan.brand(), competitor, city),
            true);
      }
      default -> text = original(w, plan, pc, r, lang, competitor, city);
    }
    return new Content(text, lang, urls, mentions);
  }

  private static String original(World w, XActivity.Plan plan, ProfileCore pc, SplittableRandom r, String lang,
      int competitor, String city) {
    Texts.Kind kind = ORIGINAL_KINDS[Rng.weighted(r, pc.customer() ? CUSTOMER_ORIGINAL : OTHER_ORIGINAL)];
    String order = null;
    String promo = null;
    if (kind == Texts.Kind.ORDER || kind == Texts.Kind.PROMO) {
      OrderGenerator.Order recent = pc.customer()
          ? OrderGenerator.recentBaseline(w, pc.owner(), plan.day(), plan.time()) : null;
      if (recent != null && kind == Texts.Kind.ORDER) {
        order = recent.number();
      } else if (recent != null) {
        OrderGenerator.Row row = OrderGenerator.rows(w, recent, CustomerGenerator.contact(w, pc.owner()))[0];
        promo = row.promoCode();
      } else if (kind == Texts.Kind.PROMO) {
        List<Campaign> running = w.running(0, "multi", plan.day()).stream()
            .filter(c -> c.promoCode() != null).toList();
        promo = running.isEmpty() ? null : running.get(r.nextInt(running.size())).promoCode();
      }
      if (order == null && promo == null) {
        kind = Texts.Kind.POSITIVE;
      }
      if (kind == Texts.Kind.PROMO && promo == null) {
        kind = Texts.Kind.POSITIVE;
      }
    }
    int subject = kind == Texts.Kind.ORDER || kind == Texts.Kind.PROMO ? 0 : plan.brand();
    Texts.Slots s = new Texts.Slots(subject, competitor, city, order, promo, null, null, null, null);
    return Texts.text(r, kind, lang, s, true);
  }

  private static Texts.Slots slots(int brand, int competitor, String city) {
    return new Texts.Slots(brand, competitor, city, null, null, null, null, null, null);
  }

  private static XActivity.Plan freshPlan(World w, XActivity.Plan p) {
    return XActivity.plan(w, ProfileCore.of(w, p.profile()), p.day(), p.j(), false);
  }

  // ---- JSON objects ----

  static Map<String, Object> user(World w, XActivity.Plan plan) {
    ProfileCore pc = ProfileCore.of(w, plan.profile());
    Profile author = ProfileGenerator.profile(w, plan.profile());
    Content content = userContent(w, plan, pc, author);
    String type = null;
    String refId = null;
    String conversation = plan.id();
    String inReplyTo = null;
    List<Map<String, Object>> users = new ArrayList<>(2);
    users.add(userObject(author));
    switch (plan.kind()) {
      case XActivity.REPLY_BRAND, XActivity.RETWEET_BRAND, XActivity.QUOTE_BRAND -> {
        type = plan.kind() == XActivity.REPLY_BRAND ? "replied_to"
            : plan.kind() == XActivity.RETWEET_BRAND ? "retweeted" : "quoted";
        refId = plan.target().id();
        if (plan.kind() == XActivity.REPLY_BRAND) {
          conversation = refId;
          inReplyTo = plan.target().brandInfo().xUserId();
        }
        users.add(brandUser(plan.target().brandInfo()));
      }
      case XActivity.RETWEET_INFLUENCER, XActivity.REPLY_INFLUENCER -> {
        boolean reply = plan.kind() == XActivity.REPLY_INFLUENCER;
        type = reply ? "replied_to" : "retweeted";
        refId = plan.influencer().id();
        Profile source = ProfileGenerator.profile(w, plan.influencer().profile());
        if (reply) {
          conversation = refId;
          inReplyTo = source.userId();
        }
        users.add(userObject(source));
      }
      default -> { }
    }
    SplittableRandom r = Rng.of(w.seed, Rng.X_POST, plan.profile(), plan.day(), 1000 + plan.j());
    boolean retweet = "retweeted".equals(type);
    long impressions = retweet ? 0 : Math.round(author.followers() * (0.05 + 0.5 * r.nextDouble()))
        + Rng.poisson(r, 8);
    long likes = retweet ? 0 : Rng.poisson(r, impressions * 0.015);
    long[] metrics = {retweet ? 0 : Rng.poisson(r, likes * 0.1), retweet ? 0 : Rng.poisson(r, likes * 0.05), likes,
        retweet ? 0 : Rng.poisson(r, likes * 0.02), impressions};
    return post(plan.id(), author.userId(), plan.time(), content, conversation, inReplyTo, type, refId, metrics, users);
  }

  static Map<String, Object> brand(World w, BrandPost post) {
    Content content = brandContent(w, post);
    SplittableRandom r = Rng.of(w.seed, Rng.BRAND_POST, 100 + post.brand(), post.day(), post.k());
    long impressions = (long) (Rng.lognormalWeight(r, 0.7) * 20_000 * (post.brand() == 0 ? 1.5 : 1)
        * Math.sqrt(w.sizes.moneyScale()));
    long likes = Rng.poisson(r, impressions * 0.02);
    long[] metrics = {Rng.poisson(r, likes * 0.15), Rng.poisson(r, likes * 0.08), likes, Rng.poisson(r, likes * 0.03),
        impressions};
    return post(post.id(), post.brandInfo().xUserId(), post.time(), content, post.id(), null, null, null, metrics,
        List.of(brandUser(post.brandInfo())));
  }

  static Map<String, Object> complaint(World w, Complaints.Complaint c) {
    ProfileCore pc = ProfileCore.of(w, c.profile());
    Profile author = ProfileGenerator.profile(w, c.profile());
    SplittableRandom r = Rng.of(w.seed, Rng.COMPLAINT, 10 + c.platform(), c.day(), c.k());
    Texts.Slots s = new Texts.Slots(c.brand(), c.brand() == 0 ? 1 : 0, pc.person(w).city().local(), c.orderNumber(),
        null, null, null, null, null);
    String text = Texts.text(r, Texts.Kind.COMPLAINT, pc.lang(w), s, true);
    if (!text.contains("@" + Brands.get(c.brand()).xHandle())) {
      text = "@" + Brands.get(c.brand()).xHandle() + " " + text;
    }
    Content content = new Content(text, pc.lang(w), Map.of(), BRAND_MENTIONS);
    long impressions = Math.round(author.followers() * (0.1 + 0.5 * r.nextDouble())) + Rng.poisson(r, 10);
    long[] metrics = {Rng.poisson(r, 0.5), c.responseAt() > 0 ? 1 : 0, Rng.poisson(r, impressions * 0.01), 0,
        impressions};
    return post(c.id(), author.userId(), c.time(), content, c.id(), null, null, null, metrics,
        List.of(userObject(author)));
  }

  static Map<String, Object> careReply(World w, Complaints.Complaint c) {
    ProfileCore pc = ProfileCore.of(w, c.profile());
    Profile author = ProfileGenerator.profile(w, c.profile());
    SplittableRandom r = Rng.of(w.seed, Rng.COMPLAINT, 20 + c.platform(), c.day(), c.k());
    Texts.Slots s = new Texts.Slots(0, 1, null, null, null, null, author.handle(), null, null);
    Content content = new Content(Texts.text(r, Texts.Kind.CARE_REPLY, pc.lang(w), s, false), pc.lang(w), Map.of(),
        mentionsWith(author));
    long[] metrics = {0, 0, Rng.poisson(r, 1), 0, 50 + r.nextInt(400)};
    return post(c.responseId(), Brands.BRAND.xUserId(), c.responseAt(), content, c.id(), author.userId(),
        "replied_to", c.id(), metrics, List.of(brandUser(Brands.BRAND), userObject(author)));
  }

  private static Map<String, Object> post(String id, String authorId, long time, Content content,
      String conversationId, String inReplyTo, String refType, String refId, long[] metrics,
      List<Map<String, Object>> users) {
    Object refs = refType == null ? null : List.of(Json.obj("type", refType, "id", refId));
    Map<String, Object> data = Json.obj(
        "id", id,
        "author_id", authorId,
        "created_at", Times.x(time),
        "text", content.text(),
        "lang", content.lang(),
        "conversation_id", conversationId,
        "in_reply_to_user_id", inReplyTo,
        "referenced_tweets", refs,
        "entities", entities(content),
        "public_metrics", Json.obj("retweet_count", metrics[0], "reply_count", metrics[1], "like_count", metrics[2],
            "quote_count", metrics[3], "impression_count", metrics[4]));
    return Json.obj("data", data, "includes", Json.obj("users", users));
  }

  /** Mentions, hashtags and URLs found in the text, with code-point offsets as in the X API. */
  static Map<String, Object> entities(Content content) {
    String text = content.text();
    List<Object> mentions = new ArrayList<>();
    List<Object> hashtags = new ArrayList<>();
    List<Object> urls = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char ch = text.charAt(i);
      boolean boundary = i == 0 || !isWord(text.charAt(i - 1));
      if (ch == '@' && boundary) {
        int end = i + 1;
        while (end < text.length() && isHandleChar(text.charAt(end))) {
          end++;
        }
        if (end - i - 1 >= 1 && end - i - 1 <= 15) {
          String username = text.substring(i + 1, end);
          mentions.add(Json.obj("start", cp(text, i), "end", cp(text, end), "username", username,
              "id", content.mentionIds().get(username.toLowerCase(Locale.ROOT))));
        }
        i = Math.max(end, i + 1);
      } else if (ch == '#' && boundary) {
        int end = i + 1;
        while (end < text.length() && isWord(text.charAt(end))) {
          end++;
        }
        if (end > i + 1) {
          hashtags.add(Json.obj("start", cp(text, i), "end", cp(text, end), "tag", text.substring(i + 1, end)));
        }
        i = end;
      } else if (ch == 'h' && text.startsWith(TCO, i)) {
        int end = i + TCO.length();
        while (end < text.length() && isHandleChar(text.charAt(end)) && text.charAt(end) != '_') {
          end++;
        }
        String url = text.substring(i, end);
        String expanded = content.urls().get(url);
        if (expanded != null) {
          String display = expanded.substring("https://".length());
          display = display.length() > 26 ? display.substring(0, 25) + "…" : display;
          urls.add(Json.obj("start", cp(text, i), "end", cp(text, end), "url", url, "expanded_url", expanded,
              "display_url", display));
        }
        i = end;
      } else {
        i++;
      }
    }
    Map<String, Object> entities = Json.obj(
        "mentions", mentions.isEmpty() ? null : mentions,
        "hashtags", hashtags.isEmpty() ? null : hashtags,
        "urls", urls.isEmpty() ? null : urls);
    return entities.isEmpty() ? null : entities;
  }

  private static final String TCO = "https://t.co/";

  private static boolean isHandleChar(char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
  }

  private static boolean isWord(char ch) {
    return Character.isLetterOrDigit(ch) || ch == '_';
  }

  private static int cp(String text, int charIndex) {
    return text.codePointCount(0, charIndex);
  }

  static Map<String, Object> userObject(Profile p) {
    return Json.obj(
        "id", p.userId(),
        "username", p.handle(),
        "name", p.displayName(),
        "location", p.location(),
        "description", p.bio() == null ? "" : p.bio(),
        "url", p.url(),
        "public_metrics", Json.obj("followers_count", p.followers(), "following_count", p.following(),
            "tweet_count", p.postCount()));
  }

  static Map<String, Object> brandUser(Brands.Brand b) {
    long followers = switch (b.xHandle()) {
      case "nordwind" -> 184_200L;
      case "alpenkraft" -> 243_900L;
      default -> 96_400L;
    };
    return Json.obj(
        "id", b.xUserId(),
        "username", b.xHandle(),
        "name", b.name(),
        "location", "Europe",
        "description", b.name() + " — outdoor clothing and gear. Help: DM us. #" + b.hashtag(),
        "url", "https://" + b.domain(),
        "public_metrics", Json.obj("followers_count", followers, "following_count", 312L, "tweet_count", 15_873L));
  }
}

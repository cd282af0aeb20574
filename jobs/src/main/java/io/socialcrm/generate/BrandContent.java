package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The brand's and competitors' own posts per platform and day, and their texts. */
final class BrandContent {
  private BrandContent() {}

  private static final String[][] BRAND_LANGS = {{"en", "es", "pl"}, {"en", "pl", "en"}, {"es", "en", "es"}};

  static int count(World w, int platform, int brand, int day) {
    Sizes s = w.sizes;
    return switch (platform) {
      case ProfileCore.X -> brand == 0 ? s.brandXPostsPerDay() : Math.max(1, s.brandXPostsPerDay() / 2);
      case ProfileCore.FACEBOOK -> brand == 0 ? s.brandPagePostsPerDay() : 1;
      default -> brand == 0 || Rng.unit(Rng.mix(w.seed, Rng.BRAND_POST, brand, day, -1)) < 0.5 ? 1 : 0;
    };
  }

  /** The posts of one brand on one platform and day, in time order (memoised per task in the world). */
  static List<BrandPost> posts(World w, int platform, int brand, int day) {
    return w.memo(((long) platform * 3 + brand) * 1_000_000L + day + 500_000, () -> compute(w, platform, brand, day));
  }

  /** The posts of all brands on one platform and day. */
  static List<BrandPost> allPosts(World w, int platform, int day) {
    List<BrandPost> all = new ArrayList<>();
    for (int b = 0; b < Brands.ALL.size(); b++) {
      all.addAll(posts(w, platform, b, day));
    }
    return all;
  }

  private static List<BrandPost> compute(World w, int platform, int brand, int day) {
    int n = count(w, platform, brand, day);
    List<BrandPost> out = new ArrayList<>(n);
    List<Campaign> running = w.running(brand, ProfileCore.PLATFORM_NAMES[platform], day);
    long slot = 14 * Times.HOUR / Math.max(1, n);
    for (int k = 0; k < n; k++) {
      SplittableRandom r = Rng.of(w.seed, Rng.BRAND_POST, platform * 3 + brand, day, k);
      long time = w.dayStart(day) + 7 * Times.HOUR + k * slot + r.nextLong(slot);
      time = platform == ProfileCore.X ? Times.seconds(time) : Times.minutes(time);
      Campaign campaign = !running.isEmpty() && r.nextDouble() < 0.7 ? running.get(r.nextInt(running.size())) : null;
      String lang = campaign != null ? campaign.lang() : BRAND_LANGS[brand][k % 3];
      long index = Ids.index(day, platform * 3 + brand, 9, k, 64);
      String id;
      long number = 0;
      switch (platform) {
        case ProfileCore.X -> id = Ids.xPostId(1, index);
        case ProfileCore.FACEBOOK -> {
          number = Ids.facebookNumber(0, index);
          id = Brands.get(brand).facebookPageId() + "_" + number;
        }
        default -> id = "urn:li:" + (k % 2 == 0 ? "activity" : "share") + ":" + Ids.linkedinActivity(index);
      }
      out.add(new BrandPost(platform, brand, day, k, id, number, time, campaign, r.nextDouble() < 0.3, lang));
    }
    return List.copyOf(out);
  }

  /** The post's text; {@code link} is what stands for the link in the text (a t.co link on X). */
  static String text(World w, BrandPost post, String link) {
    SplittableRandom r = Rng.of(w.seed, Rng.TEXT, post.platform() * 3 + post.brand(), post.day(), post.k());
    Campaign c = post.campaign();
    Texts.Kind kind = c == null ? Texts.Kind.BRAND_ORGANIC
        : c.promoCode() != null && r.nextBoolean() ? Texts.Kind.BRAND_PROMO : Texts.Kind.BRAND_CAMPAIGN;
    String city = cityFor(r, post.lang());
    String theme = c == null ? null : c.theme();
    Texts.Slots slots = new Texts.Slots(post.brand(), 1 + r.nextInt(2), city, null, c == null ? null : c.promoCode(),
        link, null, theme, null);
    return Texts.text(r, kind, post.lang(), slots, false);
  }

  /** A city in the language's main country. */
  static String cityFor(SplittableRandom r, String lang) {
    int country = switch (lang) {
      case "es" -> 0;
      case "pl" -> 1;
      default -> 2;
    };
    List<Names.City> cities = Names.country(country).cities();
    return cities.get(r.nextInt(cities.size())).local();
  }
}

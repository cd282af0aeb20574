package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What an X account posts on a day: how many posts (Poisson around the account's activity level, plus one on
 * its anchor day) and, per post, its time, kind and target (a brand post, an influencer's post, a campaign link).
 * The plan is cheap; {@link XPosts} turns it into text and JSON.
 */
final class XActivity {
  private XActivity() {}

  static final int ORIGINAL = 0;
  static final int REPLY_BRAND = 1;
  static final int RETWEET_BRAND = 2;
  static final int QUOTE_BRAND = 3;
  static final int SHARE_LINK = 4;
  static final int RETWEET_INFLUENCER = 5;
  static final int REPLY_INFLUENCER = 6;
  static final int MAX_PER_DAY = 31;

  private static final double[] KINDS = {0.50, 0.14, 0.10, 0.04, 0.05, 0.10, 0.07};
  private static final double[] INFLUENCER_KINDS = {0.75, 0.12, 0.0, 0.08, 0.05, 0.0, 0.0};

  /**
   * One planned post. {@code r} continues the post's random stream for the text.
   *
   * @param target the brand post replied to, reposted or quoted (REPLY/RETWEET/QUOTE_BRAND)
   * @param shared the campaign whose link is shared (SHARE_LINK)
   * @param influencer the influencer post replied to or reposted (RETWEET/REPLY_INFLUENCER)
   */
  record Plan(int profile, int day, int j, long time, int kind, int brand, BrandPost target, Campaign shared,
      Plan influencer, SplittableRandom r) {

    String id() {
      return Ids.xPostId(0, Ids.index(day, profile, 1L << 23, j, 32));
    }

    /** Whether the post engages with a post or campaign of the brand itself (a touch). */
    boolean brandTouch() {
      return switch (kind) {
        case REPLY_BRAND, RETWEET_BRAND, QUOTE_BRAND -> target.brand() == 0;
        case SHARE_LINK -> shared.brand() == 0;
        default -> false;
      };
    }
  }

  /** Mean posts per X account and day before the account's weight. */
  static double rate(World w) {
    double xAccounts = 0.6 * w.profiles;
    return Math.max(0.02, w.sizes.xPostsPerDay() / xAccounts - 1.0 / w.days);
  }

  static int count(World w, ProfileCore pc, int day) {
    if (pc.platform() != ProfileCore.X || day < 0 || day >= w.days) {
      return 0;
    }
    SplittableRandom r = Rng.of(w.seed, Rng.X_DAY, pc.index(), day);
    int n = Rng.poisson(r, rate(w) * pc.weight()) + (day == pc.anchorDay() ? 1 : 0);
    return Math.min(MAX_PER_DAY, n);
  }

  /** The plans of all of an account's posts on a day. */
  static List<Plan> plans(World w, ProfileCore pc, int day, boolean resolveInfluencers) {
    int n = count(w, pc, day);
    List<Plan> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      out.add(plan(w, pc, day, j, resolveInfluencers));
    }
    return out;
  }

  static Plan plan(World w, ProfileCore pc, int day, int j, boolean resolveInfluencers) {
    SplittableRandom r = Rng.of(w.seed, Rng.X_POST, pc.index(), day, j);
    long time = w.dayStart(day) + Diurnal.timeOfDay(r);
    int kind = Rng.weighted(r, pc.influencer() ? INFLUENCER_KINDS : KINDS);
    int brand = Rng.weighted(r, pc.brandWeights());
    BrandPost target = null;
    Campaign shared = null;
    Plan influencerPost = null;
    switch (kind) {
      case REPLY_BRAND, RETWEET_BRAND, QUOTE_BRAND -> {
        target = pickBrandPost(w, r, ProfileCore.X, brand, day, time);
        if (target == null) {
          kind = ORIGINAL;
        }
      }
      case SHARE_LINK -> {
        List<Campaign> running = w.running(brand, "x", day);
        if (running.isEmpty()) {
          kind = ORIGINAL;
        } else {
          shared = running.get(r.nextInt(running.size()));
        }
      }
      case RETWEET_INFLUENCER, REPLY_INFLUENCER -> {
        if (resolveInfluencers) {
          influencerPost = pickInfluencerPost(w, r, pc.index(), day, time);
          if (influencerPost == null) {
            kind = ORIGINAL;
          }
        }
      }
      default -> { }
    }
    return new Plan(pc.index(), day, j, time, kind, brand, target, shared, influencerPost, r);
  }

  /** A brand post published before {@code time}: mostly the same day's, else the day before's. */
  static BrandPost pickBrandPost(World w, SplittableRandom r, int platform, int brand, int day, long time) {
    List<BrandPost> today = BrandContent.posts(w, platform, brand, day);
    int before = 0;
    while (before < today.size() && today.get(before).time() < time) {
      before++;
    }
    boolean useYesterday = day > 0 && (before == 0 || r.nextDouble() < 0.3);
    if (useYesterday) {
      List<BrandPost> yesterday = BrandContent.posts(w, platform, brand, day - 1);
      if (!yesterday.isEmpty()) {
        return yesterday.get(r.nextInt(yesterday.size()));
      }
    }
    return before == 0 ? null : today.get(r.nextInt(before));
  }

  /** An influencer's post before {@code time} (same day or the day before), never the author's own. */
  private static Plan pickInfluencerPost(World w, SplittableRandom r, int author, int day, long time) {
    int q = w.firstInfluencer() + r.nextInt(w.influencers);
    if (q == author) {
      return null;
    }
    ProfileCore influencer = ProfileCore.of(w, q);
    for (int d = day; d >= Math.max(0, day - 1); d--) {
      int n = count(w, influencer, d);
      Plan best = null;
      for (int j = 0; j < n; j++) {
        Plan p = plan(w, influencer, d, j, false);
        if (p.time() < time && (best == null || p.time() > best.time())) {
          best = p;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return null;
  }
}

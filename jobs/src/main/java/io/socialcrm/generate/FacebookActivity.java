package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * What a Facebook account does on a day: comments on page posts and reactions to them. The same people comment
 * and react (both follow the account's activity level); reactions go to distinct posts of the same day.
 */
final class FacebookActivity {
  private FacebookActivity() {}

  private static final String[] REACTIONS = {"LIKE", "LOVE", "CARE", "HAHA", "WOW", "SAD", "ANGRY"};
  private static final double[] REACTION_WEIGHTS = {0.60, 0.18, 0.04, 0.06, 0.06, 0.03, 0.03};

  record Comment(int profile, int day, int j, long time, BrandPost post, SplittableRandom r) {
    String id() {
      return post.number() + "_" + Ids.facebookNumber(1, Ids.index(day, profile, 1L << 23, j, 32));
    }
  }

  record Reaction(int profile, int day, BrandPost post, long time, String type) {}

  /** Per-account daily means before the account's weight. */
  private static double commentRate(World w) {
    return Math.max(0.01, w.sizes.facebookCommentsPerDay() / (0.3 * w.profiles) - 0.5 / w.days);
  }

  private static double reactionRate(World w) {
    return Math.max(0.01, w.sizes.facebookReactionsPerDay() / (0.3 * w.profiles) - 0.5 / w.days);
  }

  /** Numbers of comments [0] and reactions [1] of an account on a day. */
  static int[] counts(World w, ProfileCore pc, int day) {
    if (pc.platform() != ProfileCore.FACEBOOK || day < 0 || day >= w.days) {
      return new int[2];
    }
    SplittableRandom r = Rng.of(w.seed, Rng.FB_DAY, pc.index(), day);
    int comments = Rng.poisson(r, commentRate(w) * pc.weight());
    int reactions = Rng.poisson(r, reactionRate(w) * pc.weight());
    if (day == pc.anchorDay()) {
      if (r.nextBoolean()) {
        comments++;
      } else {
        reactions++;
      }
    }
    return new int[] {Math.min(31, comments), reactions};
  }

  static List<Comment> comments(World w, ProfileCore pc, int day) {
    int n = counts(w, pc, day)[0];
    List<Comment> out = new ArrayList<>(n);
    for (int j = 0; j < n; j++) {
      SplittableRandom r = Rng.of(w.seed, Rng.FB_COMMENT, pc.index(), day, j);
      long time = w.dayStart(day) + Diurnal.timeOfDay(r);
      int brand = Rng.weighted(r, pc.brandWeights());
      BrandPost post = XActivity.pickBrandPost(w, r, ProfileCore.FACEBOOK, brand, day, time);
      if (post == null) {
        post = BrandContent.posts(w, ProfileCore.FACEBOOK, brand, day).get(0);
        time = Diurnal.after(r, post.time(), w.dayStart(day), 120, Times.MINUTE);
      }
      out.add(new Comment(pc.index(), day, j, Times.minutes(time), post, r));
    }
    return out;
  }

  static List<Reaction> reactions(World w, ProfileCore pc, int day) {
    int n = counts(w, pc, day)[1];
    if (n == 0) {
      return List.of();
    }
    SplittableRandom r = Rng.of(w.seed, Rng.FB_REACTION, pc.index(), day);
    List<BrandPost> posts = new ArrayList<>(BrandContent.allPosts(w, ProfileCore.FACEBOOK, day));
    double[] weights = pc.brandWeights();
    List<Reaction> out = new ArrayList<>();
    while (out.size() < n && !posts.isEmpty()) {
      double[] postWeights = posts.stream().mapToDouble(p -> weights[p.brand()]).toArray();
      BrandPost post = posts.remove(Rng.weighted(r, postWeights));
      long time = Diurnal.after(r, post.time(), w.dayStart(day), 180, Times.MINUTE);
      out.add(new Reaction(pc.index(), day, post, time, REACTIONS[Rng.weighted(r, REACTION_WEIGHTS)]));
    }
    return out;
  }
}

package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** Recomputes a customer's touches from the activity of the customer's accounts (a pure function). */
final class Touches {
  private Touches() {}

  /** Clicks on the brand's campaign links per account and day (before the account's weight). */
  private static final double CLICK_RATE = 0.05;

  /** The customer's touches on days [fromDay, toDay] (clipped to the period), in time order. */
  static List<Touch> of(World w, int customer, int fromDay, int toDay) {
    List<Touch> out = new ArrayList<>();
    int first = Math.max(0, fromDay);
    int last = Math.min(w.days - 1, toDay);
    for (int profile : w.profilesOf(customer)) {
      ProfileCore pc = ProfileCore.of(w, profile);
      for (int day = first; day <= last; day++) {
        collect(w, customer, pc, day, out);
      }
    }
    out.sort(Comparator.comparingLong(Touch::time).thenComparing(Touch::eventId));
    return out;
  }

  private static void collect(World w, int customer, ProfileCore pc, int day, List<Touch> out) {
    String platform = pc.platformName();
    switch (pc.platform()) {
      case ProfileCore.X -> {
        for (XActivity.Plan plan : XActivity.plans(w, pc, day, false)) {
          if (plan.brandTouch()) {
            String type = switch (plan.kind()) {
              case XActivity.REPLY_BRAND -> "reply";
              case XActivity.RETWEET_BRAND -> "repost";
              case XActivity.QUOTE_BRAND -> "quote";
              default -> "link_share";
            };
            String campaign = plan.kind() == XActivity.SHARE_LINK ? plan.shared().id() : plan.target().campaignId();
            out.add(new Touch(customer, pc.index(), platform, plan.id(), plan.time(), type, campaign));
          }
        }
      }
      case ProfileCore.FACEBOOK -> {
        for (FacebookActivity.Comment c : FacebookActivity.comments(w, pc, day)) {
          if (c.post().brand() == 0) {
            out.add(new Touch(customer, pc.index(), platform, c.id(), c.time(), "comment", c.post().campaignId()));
          }
        }
        for (FacebookActivity.Reaction r : FacebookActivity.reactions(w, pc, day)) {
          if (r.post().brand() == 0) {
            out.add(new Touch(customer, pc.index(), platform, r.post().id(), r.time(), "reaction",
                r.post().campaignId()));
          }
        }
      }
      default -> { }
    }
    clicks(w, customer, pc, day, out);
  }

  /** Clicks on the brand's campaign links on the account's platform. */
  private static void clicks(World w, int customer, ProfileCore pc, int day, List<Touch> out) {
    SplittableRandom r = Rng.of(w.seed, Rng.CLICK, pc.index(), day);
    int n = Rng.poisson(r, CLICK_RATE * pc.weight() * pc.brandWeights()[0]);
    long precision = pc.platform() == ProfileCore.X ? Times.SECOND : Times.MINUTE;
    for (int i = 0; i < n; i++) {
      List<BrandPost> posts = BrandContent.posts(w, pc.platform(), 0, day);
      if (posts.isEmpty()) {
        return;
      }
      BrandPost post = posts.get(r.nextInt(posts.size()));
      long time = Diurnal.after(r, post.time(), w.dayStart(day), 60, precision);
      if (post.campaign() != null) {
        out.add(new Touch(customer, pc.index(), pc.platformName(), post.id(), time, "utm_click", post.campaignId()));
      }
    }
  }
}

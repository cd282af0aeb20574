package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Follow and unfollow events of X accounts towards the three brands' accounts, and LinkedIn members following
 * the organisation pages. Affinity decides who follows whom (some follow the brand and a competitor).
 */
final class Follows {
  private Follows() {}

  record Event(int profile, int brand, long time, boolean follow) {}

  /** X follow events of an account on a day. */
  /**
   * The events of one day from file {@code file} of {@code files} (every files-th profile), in time order, by
   * the given per-profile generator ({@link #x} or {@link #linkedin}).
   */
  static List<Event> forDay(World w, int day, int file, int files,
                            BiFunction<ProfileCore, Integer, List<Event>> perProfile) {
    List<Event> items = new ArrayList<>();
    for (int p = file; p < w.profiles; p += files) {
      items.addAll(perProfile.apply(ProfileCore.of(w, p), day));
    }
    items.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::profile)
        .thenComparingInt(Event::brand));
    return items;
  }

  static List<Event> x(World w, ProfileCore pc, int day) {
    if (pc.platform() != ProfileCore.X) {
      return List.of();
    }
    List<Event> out = new ArrayList<>(1);
    double[] weights = pc.brandWeights();
    for (int b = 0; b < Brands.ALL.size(); b++) {
      SplittableRandom r = Rng.of(w.seed, Rng.FOLLOW, pc.index(), b);
      if (r.nextDouble() >= weights[b] * 0.8) {
        continue;
      }
      boolean before = r.nextDouble() < 0.75;
      int followDay = before ? -1 : r.nextInt(w.days);
      long followTime = w.dayStart(followDay) + Diurnal.timeOfDay(r) + r.nextInt(1000);
      if (followDay == day) {
        out.add(new Event(pc.index(), b, followTime, true));
      }
      if (r.nextDouble() < 0.10) {
        int from = Math.max(0, followDay);
        int unfollowDay = from + r.nextInt(Math.max(1, w.days - from));
        long unfollowTime = w.dayStart(unfollowDay) + Diurnal.timeOfDay(r) + r.nextInt(1000);
        if (unfollowDay == day && unfollowTime > followTime) {
          out.add(new Event(pc.index(), b, unfollowTime, false));
        }
      }
    }
    return out;
  }

  /** LinkedIn members following organisation pages on a day: every member follows one on its anchor day. */
  static List<Event> linkedin(World w, ProfileCore pc, int day) {
    if (pc.platform() != ProfileCore.LINKEDIN) {
      return List.of();
    }
    SplittableRandom r = Rng.of(w.seed, Rng.LI_FOLLOW, pc.index());
    double[] weights = pc.brandWeights();
    int primary = Rng.weighted(r, weights);
    List<Event> out = new ArrayList<>(1);
    for (int b = 0; b < Brands.ALL.size(); b++) {
      long time = Times.minutes(Diurnal.timeOfDay(r));
      int followDay;
      if (b == primary) {
        followDay = pc.anchorDay();
      } else if (r.nextDouble() < 0.3 * weights[b]) {
        followDay = r.nextInt(w.days);
      } else {
        continue;
      }
      if (followDay == day) {
        out.add(new Event(pc.index(), b, w.dayStart(day) + time, true));
      }
    }
    return out;
  }
}

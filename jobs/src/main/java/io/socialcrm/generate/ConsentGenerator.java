package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Matching consent: most customers opt in (for all platforms or some), some refuse, some never answer, and a few
 * withdraw later. Decisions made before the period land in the first day's dump.
 */
final class ConsentGenerator {
  private ConsentGenerator() {}

  private static final String[] SOURCES = {"web_form", "app", "store", "support"};

  record Decision(int customer, String platform, boolean granted, long decidedAt, String source) {}

  static List<Decision> decisions(World w, int c) {
    SplittableRandom r = Rng.of(w.seed, Rng.CONSENT, c);
    double u = r.nextDouble();
    if (u >= 0.80) {
      return List.of();
    }
    int createdDay = w.createdDay(c);
    long when;
    if (createdDay >= 0) {
      when = CustomerGenerator.contact(w, c).createdAt() + Times.MINUTE + r.nextLong(10 * Times.MINUTE);
    } else if (r.nextDouble() < 0.7) {
      when = w.dayStart(0) - (1 + r.nextInt(400)) * Times.DAY + r.nextLong(Times.DAY);
    } else {
      when = w.dayStart(r.nextInt(w.days)) + 8 * Times.HOUR + r.nextLong(14 * Times.HOUR);
    }
    when = Times.seconds(when);
    String source = SOURCES[r.nextInt(3)];
    List<Decision> out = new ArrayList<>(3);
    if (u >= 0.72) {
      out.add(new Decision(c, "all", false, when, source));
      return out;
    }
    List<String> platforms = new ArrayList<>(3);
    if (r.nextDouble() < 0.55) {
      platforms.add("all");
    } else {
      for (String p : ProfileCore.PLATFORM_NAMES) {
        if (r.nextBoolean()) {
          platforms.add(p);
        }
      }
      if (platforms.isEmpty()) {
        platforms.add(ProfileCore.PLATFORM_NAMES[r.nextInt(3)]);
      }
    }
    for (int i = 0; i < platforms.size(); i++) {
      out.add(new Decision(c, platforms.get(i), true, when + i * Times.SECOND, source));
    }
    if (r.nextDouble() < 0.10) {
      int from = Math.max(0, w.dayOf(when) + 1);
      if (from < w.days) {
        long withdrawn = Times.seconds(w.dayStart(from + r.nextInt(w.days - from)) + 9 * Times.HOUR
            + r.nextLong(12 * Times.HOUR));
        String how = r.nextBoolean() ? "support" : "web_form";
        String platform = platforms.get(r.nextInt(platforms.size()));
        out.add(new Decision(c, platform, false, withdrawn, how));
      }
    }
    return out;
  }

  /** Decisions landing on a day (day 0 also has all the decisions made before the period). */
  static List<Decision> on(World w, int c, int day) {
    List<Decision> out = new ArrayList<>(1);
    for (Decision d : decisions(w, c)) {
      int decisionDay = Math.max(0, w.dayOf(d.decidedAt()));
      if (decisionDay == day) {
        out.add(d);
      }
    }
    return out;
  }
}

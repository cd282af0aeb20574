package io.socialcrm.generate;

import java.util.SplittableRandom;

/**
 * Deterministic randomness: every random choice of the generator comes from a {@link SplittableRandom} seeded by
 * mixing (seed, entity kind, the entity's own ids), never from partition order or the clock. The kinds are the
 * constants below, so two generators never share a stream by accident.
 */
final class Rng {
  private Rng() {}

  // Entity kinds (one stream family each).
  static final int CUSTOMER = 1;
  static final int CUSTOMER_CHANGE = 2;
  static final int PROFILE_CORE = 3;
  static final int PROFILE_DETAIL = 4;
  static final int PERSONA = 5;
  static final int X_DAY = 6;
  static final int X_POST = 7;
  static final int BRAND_POST = 8;
  static final int FB_DAY = 9;
  static final int FB_COMMENT = 10;
  static final int FB_REACTION = 11;
  static final int CLICK = 12;
  static final int FOLLOW = 13;
  static final int LI_FOLLOW = 14;
  static final int COMPLAINT = 15;
  static final int ORDER_BASE = 16;
  static final int ORDER_INDUCED = 17;
  static final int ORDER_DETAIL = 18;
  static final int CONSENT = 19;
  static final int LEAD = 20;
  static final int CASE = 21;
  static final int SPEND = 22;
  static final int CAMPAIGN = 23;
  static final int DEFECT = 24;
  static final int TEXT = 25;
  static final int X_HANDLE = 26;

  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  /** SplitMix64's finaliser: a bijection of the 64-bit integers with good avalanche. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long mix(long seed, int kind, long a) {
    return mix64(mix64(mix64(seed + GOLDEN) + kind * GOLDEN) + a * GOLDEN);
  }

  static long mix(long seed, int kind, long a, long b) {
    return mix64(mix(seed, kind, a) + b * GOLDEN);
  }

  static long mix(long seed, int kind, long a, long b, long c) {
    return mix64(mix(seed, kind, a, b) + c * GOLDEN);
  }

  static SplittableRandom of(long seed, int kind, long a) {
    return new SplittableRandom(mix(seed, kind, a));
  }

  static SplittableRandom of(long seed, int kind, long a, long b) {
    return new SplittableRandom(mix(seed, kind, a, b));
  }

  static SplittableRandom of(long seed, int kind, long a, long b, long c) {
    return new SplittableRandom(mix(seed, kind, a, b, c));
  }

  /** A uniform double in [0, 1) from a mixed hash, for a single cheap draw without a generator object. */
  static double unit(long hash) {
    return (hash >>> 11) * 0x1.0p-53;
  }

  static String pick(SplittableRandom r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  /** Index drawn with the given (not necessarily normalised) weights. */
  static int weighted(SplittableRandom r, double[] weights) {
    double total = 0;
    for (double w : weights) {
      total += w;
    }
    double x = r.nextDouble() * total;
    for (int i = 0; i < weights.length; i++) {
      x -= weights[i];
      if (x < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** Poisson draw by inversion (small means) or a rounded normal approximation (large means). */
  static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
    }
    double u = r.nextDouble();
    double p = Math.exp(-mean);
    double cumulative = p;
    int k = 0;
    while (u > cumulative && k < 1000) {
      k++;
      p *= mean / k;
      cumulative += p;
    }
    return k;
  }

  static double gaussian(SplittableRandom r) {
    double u1 = Math.max(r.nextDouble(), 1e-12);
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A log-normal weight with mean 1 (heavy-ish tail for larger sigma). */
  static double lognormalWeight(SplittableRandom r, double sigma) {
    return Math.exp(sigma * gaussian(r) - sigma * sigma / 2);
  }

  /** Exponential draw with the given mean. */
  static double exponential(SplittableRandom r, double mean) {
    return -mean * Math.log(1 - r.nextDouble());
  }

  /** Pareto draw: heavy tail, minimum xm, shape alpha. */
  static double pareto(SplittableRandom r, double xm, double alpha) {
    return xm / Math.pow(1 - r.nextDouble(), 1 / alpha);
  }
}

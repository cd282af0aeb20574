package io.socialcrm.generate;

import java.util.SplittableRandom;

/** When people post: more in the evening, little at night. */
final class Diurnal {
  private Diurnal() {}

  private static final double[] HOURS = {0.25, 0.12, 0.06, 0.05, 0.05, 0.1, 0.3, 0.6, 0.8, 0.9, 1.0, 1.0, 1.1, 1.0,
      0.9, 0.9, 1.0, 1.1, 1.3, 1.5, 1.6, 1.4, 1.0, 0.5};

  /** A time of day (milliseconds since midnight) drawn with the daily rhythm, whole seconds. */
  static long timeOfDay(SplittableRandom r) {
    int hour = Rng.weighted(r, HOURS);
    return hour * Times.HOUR + r.nextLong(Times.HOUR) / Times.SECOND * Times.SECOND;
  }

  /** A time after {@code after} and before the end of the day of {@code dayStart}, mostly soon after. */
  static long after(SplittableRandom r, long after, long dayStart, double meanMinutes, long precision) {
    long end = dayStart + Times.DAY - precision;
    long from = Math.max(after + precision, dayStart);
    if (from >= end) {
      return end;
    }
    long t = from + (long) (Rng.exponential(r, meanMinutes) * Times.MINUTE);
    if (t >= end) {
      t = from + r.nextLong(end - from);
    }
    return t - Math.floorMod(t, precision);
  }
}

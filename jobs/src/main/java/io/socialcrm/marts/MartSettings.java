package io.socialcrm.marts;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;

/**
 * The parameters of the marts' definitions (DOMAIN.md), resolved like every setting (flag, environment, config
 * file, default) and checked once here.
 *
 * @param lookbackDays attribution window: touches at most this many days before the order
 * @param halfLifeDays time-decay: weight halves every this many days before the order
 * @param positionFirst position-based: share of the first touch and of the last touch (middle gets the rest)
 * @param loyalOrders paid orders within {@code loyalWindowDays} that make a customer loyal
 * @param loyalWindowDays the loyalty window
 * @param careHourlyCost staff cost per handling hour (reporting currency)
 * @param responseTargetMinutes care queue: answer within this many minutes
 * @param alertBaselineDays trailing days a day is compared with
 * @param alertSpikeZ standard deviations above the baseline mean that make a spike
 * @param alertMinMentions a day with fewer mentions never raises a spike
 * @param influenceDamping PageRank damping
 * @param influenceIterations PageRank iterations
 * @param influenceEveryDays the influence mart's cadence: rebuilt when at least this many days passed since the date
 *     it was last built for ({@link InfluenceCadence})
 */
public record MartSettings(int lookbackDays, double halfLifeDays, double positionFirst, int loyalOrders,
    int loyalWindowDays, double careHourlyCost, int responseTargetMinutes, int alertBaselineDays, double alertSpikeZ,
    int alertMinMentions, double influenceDamping, int influenceIterations, int influenceEveryDays) {

  /** The defaults of DOMAIN.md. */
  public static MartSettings defaults() {
    return from(Settings.defaults());
  }

  public static MartSettings from(Settings s) {
    return new MartSettings(
        intIn(s, Setting.ATTRIBUTION_LOOKBACK_DAYS, 1, 3650),
        doubleIn(s, Setting.ATTRIBUTION_HALF_LIFE_DAYS, 0.01, 3650),
        doubleIn(s, Setting.ATTRIBUTION_POSITION_FIRST, 0.0, 0.5),
        intIn(s, Setting.FUNNEL_LOYAL_ORDERS, 2, 1000),
        intIn(s, Setting.FUNNEL_LOYAL_WINDOW_DAYS, 1, 3650),
        doubleIn(s, Setting.CARE_HOURLY_COST, 0.0, 1e6),
        intIn(s, Setting.CARE_RESPONSE_TARGET_MINUTES, 1, 100_000),
        intIn(s, Setting.ALERT_BASELINE_DAYS, 2, 365),
        doubleIn(s, Setting.ALERT_SPIKE_Z, 0.0, 100),
        intIn(s, Setting.ALERT_MIN_MENTIONS, 0, 1_000_000),
        doubleIn(s, Setting.INFLUENCE_DAMPING, 0.0, 0.99),
        intIn(s, Setting.INFLUENCE_ITERATIONS, 1, 1000),
        intIn(s, Setting.INFLUENCE_EVERY_DAYS, 1, 366));
  }

  private static int intIn(Settings s, Setting setting, int min, int max) {
    return (int) s.getLong(setting, min, max, "");
  }

  private static double doubleIn(Settings s, Setting setting, double min, double max) {
    String v = s.get(setting).trim();
    try {
      double d = Double.parseDouble(v);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw s.invalid(setting, "a number from " + min + " to " + max);
  }
}

package io.socialcrm.generate;

/**
 * How much sample data to generate. The counts are the totals over {@link #defaultDays()} days: customers at
 * the end of the period, social profiles, and social posts (X posts, Facebook comments and reactions, page and
 * organisation posts). With another number of days the per-day volume stays the same, so totals scale with it.
 */
public enum Scale {
  /** Tests and demos: generates in seconds. */
  SMALL(2_000, 6_000, 50_000, 14),
  /** A realistic brand: about a minute. */
  MEDIUM(100_000, 300_000, 3_000_000, 30),
  /** Ten times medium: minutes. */
  LARGE(1_000_000, 3_000_000, 30_000_000, 30);

  private final int customers;
  private final int profiles;
  private final long posts;
  private final int defaultDays;

  Scale(int customers, int profiles, long posts, int defaultDays) {
    this.customers = customers;
    this.profiles = profiles;
    this.posts = posts;
    this.defaultDays = defaultDays;
  }

  public int customers() {
    return customers;
  }

  public int profiles() {
    return profiles;
  }

  public long posts() {
    return posts;
  }

  /** The number of days the totals are meant for. */
  public int defaultDays() {
    return defaultDays;
  }

  Sizes sizes() {
    return Sizes.of(customers, profiles, posts, defaultDays);
  }
}

package io.socialcrm.generate;

import java.io.Serializable;

/**
 * The volumes the generator works with: a {@link Scale} turned into per-day rates. Package-private so that tests
 * can ask for tiny worlds ({@link #of} with a few hundred customers) that generate in seconds.
 *
 * @param customers customers at the end of {@code defaultDays} (90% exist on day one, the rest arrive daily)
 * @param profiles social accounts on X, Facebook and LinkedIn (about 15% of them belong to customers)
 * @param postsPerDay social records per day: X posts, Facebook comments and reactions, page posts
 */
public record Sizes(int customers, int profiles, double postsPerDay, int defaultDays) implements Serializable {

  /** Records per output file before a day's data is split over more files (at most four). */
  static final int RECORDS_PER_FILE = 250_000;

  public static Sizes of(int customers, int profiles, long posts, int defaultDays) {
    if (customers < 50 || profiles < customers || posts < 100 || defaultDays < 1) {
      throw new IllegalArgumentException("sizes too small: " + customers + " customers, " + profiles
          + " profiles, " + posts + " posts over " + defaultDays + " days");
    }
    return new Sizes(customers, profiles, (double) posts / defaultDays, defaultDays);
  }

  int initialCustomers() {
    return (int) Math.round(customers * 0.9);
  }

  int newCustomersPerDay() {
    return (int) Math.max(1, Math.round(customers * 0.1 / defaultDays));
  }

  /** X posts by people per day (the largest share of the posts). */
  double xPostsPerDay() {
    return postsPerDay * 0.62;
  }

  double facebookCommentsPerDay() {
    return postsPerDay * 0.12;
  }

  double facebookReactionsPerDay() {
    return postsPerDay * 0.22;
  }

  /** Complaint posts per day (each opens a social care case), X and Facebook together. */
  double complaintsPerDay() {
    return Math.max(2, postsPerDay * 0.012);
  }

  /** Brand X posts per day; competitors post about half as much. */
  int brandXPostsPerDay() {
    return (int) Math.round(1.5 * Math.log10(customers));
  }

  int brandPagePostsPerDay() {
    return customers >= 50_000 ? 3 : 2;
  }

  double phoneAndEmailCasesPerDay() {
    return Math.max(2, customers * 0.0015);
  }

  double leadsPerDay() {
    return Math.max(2, customers * 0.004);
  }

  /** A factor to size money (media spend) with the customer base. */
  double moneyScale() {
    return customers / 2_000.0;
  }

  static int filesFor(double recordsPerDay) {
    return (int) Math.max(1, Math.min(4, Math.ceil(recordsPerDay / RECORDS_PER_FILE)));
  }
}

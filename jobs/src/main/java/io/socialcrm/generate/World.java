package io.socialcrm.generate;

import java.io.Serializable;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Everything the row generators share, shipped to the executors: the options, the sizes, the small campaign plan,
 * and the layout of customers and profiles. Entities are pure functions of (seed, kind, index), so a generator can
 * recompute any customer, profile or post from its index instead of joining.
 *
 * <p>Profile layout (indexes): {@code [0, S)} the primary account of social customer s; {@code [S, S + S2)} a
 * second account (another platform) of social customers 0..S2-1; then {@code I} influencers (X, not customers);
 * then the other non-customer accounts. Social customer s is customer {@link #customerOfSocial(int)}, an affine
 * permutation, so social presence does not follow customer ids.
 */
final class World implements Serializable {
  private static final long serialVersionUID = 1L;

  final long seed;
  final LocalDate start;
  final int days;
  final Sizes sizes;
  final List<Campaign> campaigns;

  final int initialCustomers;
  final int newCustomersPerDay;
  final int customers;
  final int socialCustomers;
  final int secondProfiles;
  final int influencers;
  final int profiles;

  private final long permA;
  private final long permB;
  private final long permInverse;

  World(long seed, LocalDate start, int days, Sizes sizes) {
    if (days < 1) {
      throw new IllegalArgumentException("days must be at least 1");
    }
    this.seed = seed;
    this.start = start;
    this.days = days;
    this.sizes = sizes;
    this.campaigns = CampaignPlanner.plan(seed, start, days);
    this.initialCustomers = sizes.initialCustomers();
    this.newCustomersPerDay = sizes.newCustomersPerDay();
    this.customers = initialCustomers + newCustomersPerDay * days;
    this.socialCustomers = (int) Math.round(customers * 0.4);
    this.secondProfiles = (int) Math.round(socialCustomers * 0.1);
    this.influencers = Math.max(5, sizes.profiles() / 200);
    this.profiles = Math.max(sizes.profiles(), socialCustomers + secondProfiles + influencers + 10);
    if ((long) days * 2 * customers >= 100_000_000L) {
      throw new IllegalArgumentException("too many days (" + days + ") for " + customers
          + " customers: order ids have 8 digits; use fewer days or a smaller scale");
    }
    long a = (long) (customers * 0.6180339887) | 1;
    while (BigInteger.valueOf(a).gcd(BigInteger.valueOf(customers)).intValue() != 1) {
      a++;
    }
    this.permA = a;
    this.permB = Math.floorMod(Rng.mix(seed, Rng.CUSTOMER, -1), customers);
    this.permInverse = BigInteger.valueOf(a).modInverse(BigInteger.valueOf(customers)).longValue();
  }

  /** The customer that social customer {@code s} is. */
  int customerOfSocial(int s) {
    return (int) Math.floorMod(permA * s + permB, (long) customers);
  }

  /** The social index of customer {@code c}; the customer has profiles when it is below {@link #socialCustomers}. */
  int socialOfCustomer(int c) {
    return (int) Math.floorMod(permInverse * Math.floorMod(c - permB, (long) customers), (long) customers);
  }

  /** The customer that owns profile {@code p}, or -1. */
  int ownerOf(int profile) {
    if (profile < socialCustomers) {
      return customerOfSocial(profile);
    }
    if (profile < socialCustomers + secondProfiles) {
      return customerOfSocial(profile - socialCustomers);
    }
    return -1;
  }

  /** The profiles of customer {@code c}: none, one, or two (on different platforms). */
  int[] profilesOf(int c) {
    int s = socialOfCustomer(c);
    if (s >= socialCustomers) {
      return new int[0];
    }
    return s < secondProfiles ? new int[] {s, socialCustomers + s} : new int[] {s};
  }

  boolean isInfluencer(int profile) {
    int first = socialCustomers + secondProfiles;
    return profile >= first && profile < first + influencers;
  }

  int firstInfluencer() {
    return socialCustomers + secondProfiles;
  }

  /** The day customer {@code c} was created: -1 for the customers that exist before the period. */
  int createdDay(int c) {
    return c < initialCustomers ? -1 : (c - initialCustomers) / newCustomersPerDay;
  }

  LocalDate date(int day) {
    return start.plusDays(day);
  }

  long dayStart(int day) {
    return Times.startOf(start) + day * Times.DAY;
  }

  /** The day index of a time (may be outside [0, days)). */
  int dayOf(long millis) {
    return (int) Math.floorDiv(millis - Times.startOf(start), Times.DAY);
  }

  /** Campaigns of a brand running on a day that post on a platform. */
  List<Campaign> running(int brand, String platform, int day) {
    int platformIndex = Arrays.asList(ProfileCore.PLATFORM_NAMES).indexOf(platform);
    return memo(-((long) brand * 3 + platformIndex + 1) * 1_000_000L - (day + 500_000), () -> {
      LocalDate date = date(day);
      return campaigns.stream().filter(c -> c.brand() == brand && c.postsOn(platform) && c.runsOn(day, date))
          .toList();
    });
  }

  /** Memoises small per-day results (brand posts) within one JVM copy of the world (one task). */
  @SuppressWarnings("unchecked")
  <T> T memo(long key, Supplier<T> compute) {
    Map<Long, Object> m = memo;
    if (m == null) {
      m = new ConcurrentHashMap<>();
      memo = m;
    }
    Object v = m.get(key);
    if (v == null) {
      v = compute.get();
      m.put(key, v);
    }
    return (T) v;
  }

  private transient volatile Map<Long, Object> memo;

  /** The X handles that {@link XHandles#resolve} renamed because an older account holds the name; by profile. */
  private Map<Integer, String> renamedXHandles = Map.of();

  /**
   * Makes X handles unique as X does (case-insensitively): an account whose handle an older account (lower index)
   * already holds gets digits appended. Call once on the driver before the world is shipped, as the generator does;
   * without it two accounts may show the same handle.
   */
  World withUniqueXHandles() {
    renamedXHandles = XHandles.resolve(this);
    return this;
  }

  /** The handle profile {@code p} shows: its own choice unless an older account holds it. */
  String xHandle(int p, String chosen) {
    String renamed = renamedXHandles.get(p);
    return renamed != null ? renamed : chosen;
  }

  int renamedXHandleCount() {
    return renamedXHandles.size();
  }
}

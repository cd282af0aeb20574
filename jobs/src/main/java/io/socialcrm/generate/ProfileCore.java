package io.socialcrm.generate;

import java.util.SplittableRandom;

/**
 * The cheap part of a social account, needed for every (profile, day) when deciding what the account does:
 * platform, owner, activity level, the day it is sure to be active, and which brands it cares about. The person
 * and language are derived on demand; {@link ProfileGenerator} adds the names and texts.
 *
 * @param anchorDay a day on which the account is active for sure, so every account shows up in the landing data
 * @param affinity which brands the account talks about; see {@link #brandWeights()}
 */
record ProfileCore(
    int index, int platform, int owner, int lookalikeOf, double weight, int anchorDay, int affinity,
    boolean influencer) {

  static final int X = 0;
  static final int FACEBOOK = 1;
  static final int LINKEDIN = 2;
  static final String[] PLATFORM_NAMES = {"x", "facebook", "linkedin"};

  private static final double[] CUSTOMER_PLATFORMS = {0.55, 0.33, 0.12};
  private static final double[] OTHER_PLATFORMS = {0.62, 0.30, 0.08};
  private static final double[] CUSTOMER_AFFINITY = {0.60, 0.0, 0.0, 0.25, 0.15};
  private static final double[] OTHER_AFFINITY = {0.30, 0.20, 0.20, 0.15, 0.15};
  private static final double[][] BRAND_WEIGHTS = {
      {0.85, 0.08, 0.07}, {0.25, 0.65, 0.10}, {0.25, 0.10, 0.65}, {0.50, 0.25, 0.25}, {0.34, 0.33, 0.33}};

  static ProfileCore of(World w, int p) {
    SplittableRandom r = Rng.of(w.seed, Rng.PROFILE_CORE, p);
    int owner = w.ownerOf(p);
    boolean influencer = w.isInfluencer(p);
    int platform;
    if (p < w.socialCustomers) {
      platform = Rng.weighted(r, CUSTOMER_PLATFORMS);
    } else if (owner >= 0) {
      int primary = of(w, p - w.socialCustomers).platform();
      platform = (primary + 1 + r.nextInt(2)) % 3;
    } else if (influencer) {
      platform = X;
    } else {
      platform = Rng.weighted(r, OTHER_PLATFORMS);
    }
    int lookalikeOf = !influencer && owner < 0 && r.nextDouble() < 0.08 ? r.nextInt(w.customers) : -1;
    double weight = Rng.lognormalWeight(r, 1.0) * (influencer ? 4 : 1) * (owner >= 0 ? 1.3 : 1);
    int anchorDay = r.nextInt(w.days);
    int affinity = Rng.weighted(r, owner >= 0 ? CUSTOMER_AFFINITY : OTHER_AFFINITY);
    return new ProfileCore(p, platform, owner, lookalikeOf, weight, anchorDay, affinity, influencer);
  }

  /**
   * The person behind the account: the customer, someone with a customer's name (a look-alike, other city), or
   * a random person.
   */
  Person person(World w) {
    if (owner >= 0) {
      return CustomerGenerator.person(w, owner);
    }
    if (lookalikeOf >= 0) {
      return CustomerGenerator.person(w, lookalikeOf).lookAlike(Rng.of(w.seed, Rng.PERSONA, index, 1));
    }
    return Person.draw(Rng.of(w.seed, Rng.PERSONA, index));
  }

  /** The language the account posts in: the person's, sometimes English. */
  String lang(World w) {
    return lang(w, person(w));
  }

  String lang(World w, Person person) {
    return Rng.unit(Rng.mix(w.seed, Rng.PERSONA, index, 2)) < 0.1 ? "en" : person.language();
  }

  String platformName() {
    return PLATFORM_NAMES[platform];
  }

  /** Probability of each brand (index in {@link Brands#ALL}) being the subject of the account's posts. */
  double[] brandWeights() {
    return BRAND_WEIGHTS[affinity];
  }

  boolean customer() {
    return owner >= 0;
  }
}

package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Complaint posts (X) and comments (Facebook) that open social customer-care cases. Most come from customers,
 * some quote an order number; the brand answers most of its own within hours (its reply is a post or a page
 * comment), and each complaint about the brand becomes a support case.
 */
final class Complaints {
  private Complaints() {}

  static final String[] TOPICS = {"delivery", "billing", "product", "account", "other"};
  private static final double[] TOPIC_WEIGHTS = {0.35, 0.25, 0.25, 0.08, 0.07};

  /**
   * @param post Facebook: the brand page post the complaint is a comment on; X: null
   * @param orderNumber the order number quoted in the text, or null
   * @param responseAt when the brand answered, or -1 (never, or a competitor's complaint)
   */
  record Complaint(int platform, int day, int k, int profile, long time, int brand, String topic,
      String orderNumber, long responseAt, BrandPost post) {

    long index() {
      return Ids.index(day, platform, 3, k, 1 << 20);
    }

    String id() {
      return platform == ProfileCore.X ? Ids.xPostId(2, index())
          : post.number() + "_" + Ids.facebookNumber(2, index());
    }

    String responseId() {
      return platform == ProfileCore.X ? Ids.xPostId(3, index())
          : post.number() + "_" + Ids.facebookNumber(3, index());
    }

    boolean aboutBrand() {
      return brand == 0;
    }
  }

  /** Receives a complaint opened, or a care answer given, on the day walked: its time and post id. */
  interface Sink {
    void accept(boolean answer, int complaintDay, int k, long time, String id);
  }

  /**
   * Walks the complaints of a platform that matter on {@code day}: those opened that day and those (opened up
   * to two days before) answered that day; file {@code file} of {@code files} takes every files-th one.
   */
  static void forDay(World w, int platform, int day, int file, int files, Sink sink) {
    for (int complaintDay = Math.max(0, day - 2); complaintDay <= day; complaintDay++) {
      int n = count(w, platform, complaintDay);
      for (int k = file; k < n; k += files) {
        Complaint c = get(w, platform, complaintDay, k);
        if (complaintDay == day) {
          sink.accept(false, complaintDay, k, c.time(), c.id());
        }
        if (c.responseAt() > 0 && w.dayOf(c.responseAt()) == day) {
          sink.accept(true, complaintDay, k, c.responseAt(), c.responseId());
        }
      }
    }
  }

  static int count(World w, int platform, int day) {
    if (day < 0 || day >= w.days) {
      return 0;
    }
    double share = platform == ProfileCore.X ? 0.7 : 0.3;
    return Rng.poisson(Rng.of(w.seed, Rng.COMPLAINT, platform, day, -1), w.sizes.complaintsPerDay() * share);
  }

  static List<Complaint> onDay(World w, int platform, int day) {
    int n = count(w, platform, day);
    List<Complaint> out = new ArrayList<>(n);
    for (int k = 0; k < n; k++) {
      out.add(get(w, platform, day, k));
    }
    return out;
  }

  static Complaint get(World w, int platform, int day, int k) {
    SplittableRandom r = Rng.of(w.seed, Rng.COMPLAINT, platform, day, k);
    int profile = pickAuthor(w, r, platform);
    long time = w.dayStart(day) + Diurnal.timeOfDay(r);
    int brand = platform == ProfileCore.FACEBOOK || r.nextDouble() < 0.85 ? 0 : 1 + r.nextInt(2);
    BrandPost post = null;
    if (platform == ProfileCore.FACEBOOK) {
      post = XActivity.pickBrandPost(w, r, platform, 0, day, time);
      if (post == null) {
        post = BrandContent.posts(w, platform, 0, day).get(0);
        time = Diurnal.after(r, post.time(), w.dayStart(day), 90, Times.MINUTE);
      }
      time = Times.minutes(time);
    }
    String topic = TOPICS[Rng.weighted(r, TOPIC_WEIGHTS)];
    String orderNumber = null;
    int owner = w.ownerOf(profile);
    if (owner >= 0 && (topic.equals("delivery") || topic.equals("billing")) && r.nextDouble() < 0.7) {
      OrderGenerator.Order recent = OrderGenerator.recentBaseline(w, owner, day, time);
      orderNumber = recent == null ? null : recent.number();
    }
    long responseAt = -1;
    if (brand == 0 && r.nextDouble() < 0.92) {
      double minutes = Math.min(2 * 24 * 60, Math.exp(Math.log(40) + 1.1 * Rng.gaussian(r)));
      long precision = platform == ProfileCore.X ? Times.SECOND : Times.MINUTE;
      responseAt = time + Math.max(precision, (long) (minutes * Times.MINUTE) / precision * precision);
    }
    return new Complaint(platform, day, k, profile, time, brand, topic, orderNumber, responseAt, post);
  }

  /** Mostly a customer's account on the platform; otherwise anyone's. */
  private static int pickAuthor(World w, SplittableRandom r, int platform) {
    int customerProfiles = w.socialCustomers + w.secondProfiles;
    boolean customer = r.nextDouble() < 0.65;
    for (int attempt = 0; attempt < 50; attempt++) {
      int p = customer ? r.nextInt(customerProfiles)
          : customerProfiles + w.influencers + r.nextInt(w.profiles - customerProfiles - w.influencers);
      if (ProfileCore.of(w, p).platform() == platform) {
        return p;
      }
    }
    for (int p = 0; ; p++) {
      if (ProfileCore.of(w, p).platform() == platform) {
        return p;
      }
    }
  }
}

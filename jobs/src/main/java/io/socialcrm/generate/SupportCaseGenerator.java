package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Customer-care cases: social ones opened by complaints about the brand (with the complaint's post id), phone
 * and e-mail ones. Social is answered fast and costs few minutes of handling; phone costs most. A case lands
 * on the day it opens (open or pending) and again on the day it is resolved.
 */
final class SupportCaseGenerator {
  private SupportCaseGenerator() {}

  /** Cases are resolved within this many days, or stay open. */
  static final int MAX_OPEN_DAYS = 9;

  record Case(String id, String customerId, String channel, String platform, String postId, String topic,
      long opened, long firstResponse, long resolved, boolean closed, double handlingMinutes) {}

  /** One row of the support_cases table. */
  record Row(Case c, String status, long firstResponse, long resolved, Double handlingMinutes, long updatedAt) {}

  static List<Case> openedOn(World w, int day) {
    List<Case> out = new ArrayList<>();
    int[] platforms = {ProfileCore.X, ProfileCore.FACEBOOK};
    for (int platform : platforms) {
      for (Complaints.Complaint complaint : Complaints.onDay(w, platform, day)) {
        if (complaint.aboutBrand()) {
          out.add(social(w, complaint));
        }
      }
    }
    int n = Rng.poisson(Rng.of(w.seed, Rng.CASE, day, -1), w.sizes.phoneAndEmailCasesPerDay());
    for (int k = 0; k < n; k++) {
      out.add(direct(w, day, k));
    }
    return out;
  }

  static Case social(World w, Complaints.Complaint complaint) {
    SplittableRandom r = Rng.of(w.seed, Rng.CASE, complaint.index(), 1);
    int owner = w.ownerOf(complaint.profile());
    String customerId = owner >= 0 && (complaint.orderNumber() != null || r.nextDouble() < 0.5)
        ? Ids.customerId(owner) : null;
    long slot = (complaint.platform() == ProfileCore.X ? 0 : 30_000) + complaint.k();
    String id = Ids.caseId(complaint.day() * 100_000L + slot);
    long response = complaint.responseAt();
    long resolved = -1;
    if (response > 0 && r.nextDouble() < 0.85) {
      resolved = response + resolutionDelay(r, 6 * 60);
    }
    double handling = Math.exp(Math.log(9) + 0.5 * Rng.gaussian(r));
    String platform = ProfileCore.PLATFORM_NAMES[complaint.platform()];
    return new Case(id, customerId, "social", platform, complaint.id(), complaint.topic(), complaint.time(), response,
        resolved, r.nextDouble() < 0.3, round(handling));
  }

  private static Case direct(World w, int day, int k) {
    SplittableRandom r = Rng.of(w.seed, Rng.CASE, day, k);
    boolean phone = r.nextDouble() < 0.55;
    int existing = w.initialCustomers + w.newCustomersPerDay * day;
    String customerId = r.nextDouble() < 0.9 ? Ids.customerId(r.nextInt(existing)) : null;
    long opened = w.dayStart(day) + 8 * Times.HOUR + r.nextLong(12 * Times.HOUR);
    long firstResponse = phone ? opened + r.nextLong(8 * Times.MINUTE)
        : opened + (long) (Math.min(3 * 24 * 60, Math.exp(Math.log(300) + 0.8 * Rng.gaussian(r))) * Times.MINUTE);
    long resolved = -1;
    if (r.nextDouble() < 0.85) {
      resolved = phone && r.nextDouble() < 0.6 ? firstResponse + 5 * Times.MINUTE + r.nextLong(35 * Times.MINUTE)
          : firstResponse + resolutionDelay(r, 20 * 60);
    }
    double handling = Math.exp(Math.log(phone ? 22 : 16) + 0.5 * Rng.gaussian(r));
    String topic = Complaints.TOPICS[r.nextInt(Complaints.TOPICS.length)];
    return new Case(Ids.caseId(day * 100_000L + 60_000 + k), customerId, phone ? "phone" : "email", null, null,
        topic, Times.seconds(opened), Times.seconds(firstResponse), resolved < 0 ? -1 : Times.seconds(resolved),
        r.nextDouble() < 0.3, round(handling));
  }

  private static long resolutionDelay(SplittableRandom r, double medianMinutes) {
    double minutes = Math.exp(Math.log(medianMinutes) + 1.0 * Rng.gaussian(r));
    return (long) (Math.min(MAX_OPEN_DAYS * 24 * 60 - 24 * 60, minutes) * Times.MINUTE);
  }

  private static double round(double minutes) {
    return Math.round(minutes * 10) / 10.0;
  }

  /** The rows landing on a day: cases opened that day (their state at the end of it) and cases resolved. */
  static List<Row> rowsOn(World w, int day) {
    List<Row> out = new ArrayList<>();
    long endOfDay = w.dayStart(day + 1);
    for (int openDay = Math.max(0, day - MAX_OPEN_DAYS); openDay <= day; openDay++) {
      for (Case c : openedOn(w, openDay)) {
        boolean resolved = c.resolved() > 0;
        int resolvedDay = resolved ? w.dayOf(c.resolved()) : Integer.MAX_VALUE;
        String finalStatus = c.closed() ? "closed" : "resolved";
        if (openDay == day) {
          if (resolvedDay == day) {
            out.add(new Row(c, finalStatus, c.firstResponse(), c.resolved(), c.handlingMinutes(), c.resolved()));
          } else {
            boolean responded = c.firstResponse() > 0 && c.firstResponse() < endOfDay;
            out.add(new Row(c, responded ? "pending" : "open", responded ? c.firstResponse() : -1, -1, null,
                responded ? c.firstResponse() : c.opened()));
          }
        } else if (resolvedDay == day) {
          out.add(new Row(c, finalStatus, c.firstResponse(), c.resolved(), c.handlingMinutes(), c.resolved()));
        }
      }
    }
    return out;
  }
}

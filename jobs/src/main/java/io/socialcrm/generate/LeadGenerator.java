package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Leads (prospects): created daily from social, web, events and referrals, often with the campaign that brought
 * them; later qualified, lost, or converted into a new customer (whose name and e-mail they carry).
 */
final class LeadGenerator {
  private LeadGenerator() {}

  /** A lead's states land within this many days of its creation. */
  static final int MAX_AGE_DAYS = 30;
  private static final String[] SOURCES = {"social", "web", "event", "referral"};
  private static final double[] SOURCE_WEIGHTS = {0.40, 0.35, 0.10, 0.15};

  record State(String status, long at, String convertedCustomerId) {}

  record Lead(String id, String firstName, String lastName, String email, String source, String campaignId,
      long createdAt, List<State> states) {}

  static int count(World w, int day) {
    return Rng.poisson(Rng.of(w.seed, Rng.LEAD, day, -1), w.sizes.leadsPerDay());
  }

  static Lead lead(World w, int day, int k) {
    SplittableRandom r = Rng.of(w.seed, Rng.LEAD, day, k);
    long created = Times.seconds(w.dayStart(day) + 8 * Times.HOUR + r.nextLong(14 * Times.HOUR));
    String source = SOURCES[Rng.weighted(r, SOURCE_WEIGHTS)];
    String campaignId = null;
    if (source.equals("social") || (source.equals("web") && r.nextDouble() < 0.3)) {
      List<Campaign> running = w.campaigns.stream()
          .filter(c -> c.brand() == 0 && c.runsOn(day, w.date(day))).toList();
      if (!running.isEmpty() && r.nextDouble() < 0.8) {
        campaignId = running.get(r.nextInt(running.size())).id();
      }
    }
    List<State> states = new ArrayList<>(3);
    states.add(new State("new", created, null));
    Person person = Person.draw(r);
    String first = person.firstName();
    String last = r.nextDouble() < 0.1 ? null : person.lastName();
    String email = r.nextDouble() < 0.15 ? null : CustomerGenerator.email(r, person, -1);
    if (r.nextDouble() < 0.45) {
      long qualified = created + (1 + r.nextInt(5)) * Times.DAY + r.nextLong(Times.HOUR * 8);
      states.add(new State("qualified", Times.seconds(qualified), null));
      double u = r.nextDouble();
      if (u < 0.35) {
        int conversionDay = w.dayOf(qualified) + 2 + r.nextInt(9);
        int customer = w.initialCustomers + conversionDay * w.newCustomersPerDay + r.nextInt(w.newCustomersPerDay);
        if (conversionDay < w.days && customer < w.customers) {
          Customer c = CustomerGenerator.contact(w, customer);
          first = c.firstName();
          last = c.lastName();
          email = c.email();
          states.add(new State("converted", c.createdAt() + r.nextLong(30 * Times.MINUTE) / 1000 * 1000,
              c.id()));
        }
      } else if (u < 0.60) {
        states.add(new State("lost", Times.seconds(qualified + (2 + r.nextInt(10)) * Times.DAY), null));
      }
    } else if (r.nextDouble() < 0.3) {
      states.add(new State("lost", Times.seconds(created + (3 + r.nextInt(12)) * Times.DAY), null));
    }
    return new Lead(Ids.leadId(day * 100_000L + k), first, last, email, source, campaignId, created, states);
  }

  /** (lead, state) pairs landing on a day. */
  static List<Object[]> rowsOn(World w, int day) {
    List<Object[]> out = new ArrayList<>();
    for (int created = Math.max(0, day - MAX_AGE_DAYS); created <= day; created++) {
      int n = count(w, created);
      for (int k = 0; k < n; k++) {
        Lead lead = lead(w, created, k);
        for (State s : lead.states()) {
          if (w.dayOf(s.at()) == day) {
            out.add(new Object[] {lead, s});
          }
        }
      }
    }
    return out;
  }
}

package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** matching_consent: decisions taken that day (the first day also has every earlier decision). */
final class MatchingConsentInput extends LandingInput<ConsentGenerator.Decision> {
  private static final long serialVersionUID = 1L;

  MatchingConsentInput() {
    super("matching_consent", Format.CSV, List.of("customer_id", "platform", "granted", "decided_at",
        "capture_source", "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.initialCustomers * 0.6;
  }

  @Override
  List<ConsentGenerator.Decision> items(World w, int day, int file, int files) {
    List<ConsentGenerator.Decision> items = new ArrayList<>();
    int existing = Math.min(w.customers, w.initialCustomers + w.newCustomersPerDay * (day + 1));
    for (int c = file; c < existing; c += files) {
      items.addAll(ConsentGenerator.on(w, c, day));
    }
    items.sort(Comparator.comparingLong(ConsentGenerator.Decision::decidedAt)
        .thenComparingInt(ConsentGenerator.Decision::customer).thenComparing(ConsentGenerator.Decision::platform));
    return items;
  }

  @Override
  Object render(World w, ConsentGenerator.Decision d) {
    return new String[] {Ids.customerId(d.customer()), d.platform(), Boolean.toString(d.granted()),
        Times.crm(d.decidedAt()), d.source(), Times.crm(d.decidedAt() + 2 * Times.SECOND)};
  }
}

package io.socialcrm.generate;

import java.util.Comparator;
import java.util.List;

/** support_cases: cases opened that day (as they stand at its end) and cases resolved that day. */
final class SupportCasesInput extends LandingInput<SupportCaseGenerator.Row> {
  private static final long serialVersionUID = 1L;

  SupportCasesInput() {
    super("support_cases", Format.CSV, List.of("case_id", "customer_id", "channel", "platform", "social_post_id",
        "topic", "opened_at", "first_response_at", "resolved_at", "status", "handling_minutes", "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return (w.sizes.complaintsPerDay() + w.sizes.phoneAndEmailCasesPerDay()) * 1.6;
  }

  @Override
  int files(World w) {
    return 1;
  }

  @Override
  List<SupportCaseGenerator.Row> items(World w, int day, int file, int files) {
    return SupportCaseGenerator.rowsOn(w, day).stream()
        .sorted(Comparator.comparingLong(SupportCaseGenerator.Row::updatedAt).thenComparing(r -> r.c().id()))
        .toList();
  }

  @Override
  Object render(World w, SupportCaseGenerator.Row r) {
    SupportCaseGenerator.Case c = r.c();
    return new String[] {c.id(), c.customerId(), c.channel(), c.platform(), c.postId(), c.topic(),
        Times.crm(c.opened()), r.firstResponse() > 0 ? Times.crm(r.firstResponse()) : null,
        r.resolved() > 0 ? Times.crm(r.resolved()) : null, r.status(),
        r.handlingMinutes() == null ? null : r.handlingMinutes().toString(), Times.crm(r.updatedAt())};
  }
}

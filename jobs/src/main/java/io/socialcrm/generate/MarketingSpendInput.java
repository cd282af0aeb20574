package io.socialcrm.generate;

import java.util.Comparator;
import java.util.List;

/** marketing_spend: the day's cost of each running campaign of the brand (and restatements of yesterday's). */
final class MarketingSpendInput extends LandingInput<SpendGenerator.Row> {
  private static final long serialVersionUID = 1L;

  MarketingSpendInput() {
    super("marketing_spend", Format.CSV, List.of("campaign_id", "spend_date", "cost_type", "amount", "currency",
        "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return 30;
  }

  @Override
  List<SpendGenerator.Row> items(World w, int day, int file, int files) {
    return SpendGenerator.rowsOn(w, day).stream()
        .sorted(Comparator.comparing((SpendGenerator.Row r) -> r.campaign().id()).thenComparingInt(
            SpendGenerator.Row::spendDay).thenComparing(SpendGenerator.Row::costType)
            .thenComparingLong(SpendGenerator.Row::updatedAt))
        .toList();
  }

  @Override
  Object render(World w, SpendGenerator.Row r) {
    return new String[] {r.campaign().id(), Times.date(w.date(r.spendDay())), r.costType(), r.amount().toPlainString(),
        r.currency(), Times.crm(r.updatedAt())};
  }
}

package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** campaigns: every campaign known at the start on the first day, then new campaigns and changed rows. */
final class CampaignsInput extends LandingInput<Object[]> {
  private static final long serialVersionUID = 1L;

  CampaignsInput() {
    super("campaigns", Format.CSV, List.of("campaign_id", "name", "brand", "platform", "utm_campaign", "objective",
        "start_date", "end_date", "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return 10;
  }

  @Override
  List<Object[]> items(World w, int day, int file, int files) {
    List<Object[]> items = new ArrayList<>();
    for (Campaign c : w.campaigns) {
      for (Campaign.Version v : c.versions()) {
        if (Math.max(0, v.day()) == day) {
          items.add(new Object[] {c, v});
        }
      }
    }
    items.sort(Comparator.comparingLong((Object[] o) -> ((Campaign.Version) o[1]).updatedAt())
        .thenComparing(o -> ((Campaign) o[0]).id()));
    return items;
  }

  @Override
  Object render(World w, Object[] item) {
    Campaign c = (Campaign) item[0];
    Campaign.Version v = (Campaign.Version) item[1];
    return new String[] {c.id(), v.name(), c.brandInfo().name(), c.platform(), c.utmCampaign(), v.objective(),
        Times.date(c.startDate()), Times.date(v.endDate()), Times.crm(v.updatedAt())};
  }
}

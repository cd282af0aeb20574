package io.socialcrm.generate;

import java.util.Comparator;
import java.util.List;

/** leads: leads created that day and status changes (qualified, converted, lost) of earlier ones. */
final class LeadsInput extends LandingInput<Object[]> {
  private static final long serialVersionUID = 1L;

  LeadsInput() {
    super("leads", Format.CSV, List.of("lead_id", "first_name", "last_name", "email", "source", "campaign_id",
        "status", "converted_customer_id", "created_at", "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.sizes.leadsPerDay() * 1.6;
  }

  @Override
  int files(World w) {
    return 1;
  }

  @Override
  List<Object[]> items(World w, int day, int file, int files) {
    return LeadGenerator.rowsOn(w, day).stream()
        .sorted(Comparator.comparingLong((Object[] o) -> ((LeadGenerator.State) o[1]).at())
            .thenComparing(o -> ((LeadGenerator.Lead) o[0]).id()))
        .toList();
  }

  @Override
  Object render(World w, Object[] item) {
    LeadGenerator.Lead lead = (LeadGenerator.Lead) item[0];
    LeadGenerator.State state = (LeadGenerator.State) item[1];
    return new String[] {lead.id(), lead.firstName(), lead.lastName(), lead.email(), lead.source(),
        lead.campaignId(), state.status(), state.convertedCustomerId(), Times.crm(lead.createdAt()),
        Times.crm(state.at())};
  }
}

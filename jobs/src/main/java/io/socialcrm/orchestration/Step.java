package io.socialcrm.orchestration;

import io.socialcrm.common.Errors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The pipeline's steps, in the order a run takes them. */
public enum Step {
  INGEST("ingest", "read the date's landing files, validate them, load bronze and quarantine"),
  CONFORM("conform", "merge what bronze added since the last run into the conformed silver tables"),
  IDENTITY("identity", "link social profiles to CRM customers: consent, steward decisions, deterministic and probabilistic links"),
  MARTS("marts", "build the gold marts: funnel, attribution and ROI, F.R.Y., care, influence, share of voice, care queue, alerts");

  private final String id;
  private final String description;

  Step(String id, String description) {
    this.id = id;
    this.description = description;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Step::id).toList();
  }

  /** Parses a comma-separated list (any order, repeats ignored) into steps in pipeline order; null = all. */
  public static List<Step> parse(String list) {
    if (list == null || list.isBlank()) {
      return List.of(values());
    }
    List<String> wanted = new ArrayList<>();
    for (String s : list.split(",")) {
      String id = s.trim().toLowerCase();
      if (Arrays.stream(values()).noneMatch(st -> st.id.equals(id))) {
        throw Errors.unknownStep(s.trim(), ids());
      }
      wanted.add(id);
    }
    return Arrays.stream(values()).filter(st -> wanted.contains(st.id)).toList();
  }
}

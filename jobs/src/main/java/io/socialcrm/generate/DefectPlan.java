package io.socialcrm.generate;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where the deliberate defects go: a fixed list of (kind, input, field) spread over days by the seed. Few in
 * number (a few dozen lines, well under 1% of the records), every kind present, several days and inputs.
 * Line-level defects hit records of accounts that are not customers, so the ground truth stays complete.
 */
final class DefectPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  private final List<Defect.Spec> specs;

  private DefectPlan(List<Defect.Spec> specs) {
    this.specs = List.copyOf(specs);
  }

  static DefectPlan plan(World w) {
    SplittableRandom r = Rng.of(w.seed, Rng.DEFECT, 0);
    List<Defect.Spec> specs = new ArrayList<>();
    int[] slot = {r.nextInt(w.days)};
    Adder add = (input, kind, field, value) -> {
      int day = slot[0] % w.days;
      slot[0] += 1 + (w.days > 4 ? r.nextInt(3) : 0);
      specs.add(new Defect.Spec(input, kind, day, 0, field, value));
    };
    add.add("x_posts", Defect.MALFORMED_JSON, null, null);
    add.add("x_posts", Defect.MALFORMED_JSON, null, null);
    add.add("x_follows", Defect.MALFORMED_JSON, null, null);
    add.add("x_posts", Defect.WRONG_TYPE, "data.public_metrics.like_count", "many");
    add.add("marketing_spend", Defect.WRONG_TYPE, "amount", "12,5x");
    add.add("facebook_reactions", Defect.WRONG_TYPE, "reacted_time", "31/02/2024 25:61");
    add.add("linkedin_posts", Defect.WRONG_TYPE, "impressions", "1.2k");
    add.add("x_posts", Defect.MISSING_REQUIRED, "data.author_id", null);
    add.add("facebook_comments", Defect.MISSING_REQUIRED, "author_id", null);
    add.add("customers", Defect.MISSING_REQUIRED, "last_name", null);
    add.add("x_posts", Defect.DUPLICATE, null, null);
    add.add("facebook_reactions", Defect.DUPLICATE, null, null);
    add.add("orders", Defect.DUPLICATE, null, null);
    add.add("matching_consent", Defect.DUPLICATE, null, null);
    add.add("x_posts", Defect.EXTRA_FIELD, "source_app", "Nordwind Social Listening 2.3");
    add.add("facebook_comments", Defect.EXTRA_COLUMN, "export_tag", "fb-export-v7");
    add.add("leads", Defect.EXTRA_COLUMN, "export_tag", "crm-nightly");
    add.add("x_follows", Defect.EMPTY_FILE, null, null);
    add.add("linkedin_followers", Defect.EMPTY_FILE, null, null);
    // Late files: not on the last day, so the demo can move them in "the next day".
    int lateDays = Math.max(1, w.days - 1);
    specs.add(new Defect.Spec("facebook_posts", Defect.LATE_FILE, r.nextInt(lateDays), 0, null, null));
    specs.add(new Defect.Spec("orders", Defect.LATE_FILE, r.nextInt(lateDays), 0, null, null));
    return new DefectPlan(specs);
  }

  private interface Adder {
    void add(String input, Defect kind, String field, String value);
  }

  List<Defect.Spec> forFile(String input, int day, int file) {
    return specs.stream().filter(s -> s.input().equals(input) && s.day() == day && s.file() == file).toList();
  }

  List<Defect.Spec> ofKind(String input, Defect kind) {
    return specs.stream().filter(s -> s.input().equals(input) && s.kind() == kind).toList();
  }
}

package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.identity.IdentityEval;
import io.socialcrm.identity.IdentityExplain;
import io.socialcrm.identity.IdentityTables;
import io.socialcrm.lake.Lake;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "identity", mixinStandardHelpOptions = true,
    description = "Inspect identity resolution (social profile -> CRM customer).",
    subcommands = {IdentityCommand.Explain.class, IdentityCommand.Eval.class})
final class IdentityCommand {

  @Command(name = "explain", mixinStandardHelpOptions = true,
      description = "Print a profile's current link and its best candidate customers with the evidence per field.")
  static final class Explain implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--profile", required = true, paramLabel = "PLATFORM:ID",
        description = "The profile: platform:id (x:1234, facebook:1000..., linkedin:urn:li:person:...) or a bare id.")
    String profile;

    @Option(names = "--top", defaultValue = "5", description = "Candidates to show (default ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() {
      SparkSession spark = common.spark();
      Lake lake = new Lake(spark, common.settings().get(Setting.LAKE));
      print(new IdentityExplain(spark, lake).explain(profile, top), System.out);
      return 0;
    }

    static void print(IdentityExplain.Explanation e, PrintStream out) {
      out.printf(Locale.ROOT, "profile %s  handle=%s  name=\"%s\"  location=%s%n", e.profileKey(), e.handle(),
          e.displayName(), e.location());
      if (e.linkedCustomer() == null) {
        out.println("not linked");
      } else {
        out.printf(Locale.ROOT, "linked to %s by %s (p=%.4f) since %s%n", e.linkedCustomer(), e.linkMethod(),
            e.linkProbability(), e.linkedSince());
      }
      if (e.candidates().isEmpty()) {
        out.println("no candidate customers: no blocking rule puts this profile with any customer");
      }
      int n = 0;
      for (IdentityExplain.Candidate c : e.candidates()) {
        out.printf(Locale.ROOT, "#%d %s  %s, %s %s  p=%.4f  weight=%+.2f  consent=%s%s%s%n", ++n, c.customerId(),
            c.customerName(), c.city(), c.country(), c.probability(), c.weight(), c.consented() ? "yes" : "no",
            c.stewardDecision() == null ? "" : "  steward=" + c.stewardDecision(), c.linked() ? "  [linked]" : "");
        for (IdentityExplain.Evidence ev : c.evidence()) {
          out.printf(Locale.ROOT, "     %-22s %-24s %s  %s | %s%n", ev.comparison(), ev.level(),
              ev.weight() == null ? "     " : String.format(Locale.ROOT, "%+6.2f", ev.weight()), ev.left(), ev.right());
        }
      }
    }
  }

  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = "Score the current links against the generator's ground truth; prints precision=... recall=... f1=...")
  static final class Eval implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--truth", required = true, paramLabel = "DIR",
        description = "The generator's truth folder (holding profile_customer.csv).")
    String truth;

    @Option(names = "--thresholds", split = ",", paramLabel = "P",
        defaultValue = "0.99,0.95,0.9,0.85,0.8,0.7,0.6,0.5",
        description = "Auto-link thresholds to print what-if figures for, from the links and the review queue "
            + "(default: ${DEFAULT-VALUE}).")
    double[] thresholds;

    @Override
    public Integer call() {
      SparkSession spark = common.spark();
      Lake lake = new Lake(spark, common.settings().get(Setting.LAKE));
      String file = Lake.join(truth, "profile_customer.csv");
      if (!lake.exists(file)) {
        throw Errors.truthNotFound(file);
      }
      if (!lake.isDeltaTable(lake.path(IdentityTables.LINKS))) {
        throw Errors.identityNotRun(lake.root());
      }
      Dataset<Row> truthPairs = spark.read().option("header", "true").csv(Lake.qualify(file));
      Dataset<Row> links = spark.read().format("delta").load(lake.path(IdentityTables.LINKS)).where("is_current");
      Dataset<Row> profiles = spark.read().format("delta").load(lake.path(SilverTables.SOCIAL_PROFILES.table()));
      Dataset<Row> consent = spark.read().format("delta").load(lake.path(SilverTables.CONSENT.table()));
      IdentityEval.Result r = IdentityEval.evaluate(links, truthPairs, profiles, consent);
      System.out.println(r.line());
      if (!r.byEvidence().isEmpty()) {
        System.out.println("recall by evidence: " + r.evidenceLine());
      }
      System.err.printf(Locale.ROOT, "(%d links, %d correct, %d linkable true pairs)%n", r.links(), r.correct(),
          r.eligibleTruth());
      if (thresholds.length > 0 && lake.isDeltaTable(lake.path(IdentityTables.REVIEW))) {
        Dataset<Row> review = spark.read().format("delta").load(lake.path(IdentityTables.REVIEW));
        System.out.println("at other auto-link thresholds (review pairs one-to-one, greedy):");
        System.out.println(IdentityEval.AtThreshold.HEADER);
        IdentityEval.atThresholds(r, links, review, truthPairs, profiles, consent, thresholds)
            .forEach(t -> System.out.println(t.line()));
      }
      return 0;
    }
  }
}

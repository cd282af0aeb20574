package io.socialcrm.cli;

import io.socialcrm.identity.TableLinkJob;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Link any two tables with a match config (the JSON schema of schemas/matching/*.json, e.g. "
        + "schemas/matching/febrl4.json): blocking, comparison, u from random pairs, m and lambda by EM, term "
        + "frequencies from both tables, scoring, and one-to-one among the pairs at or above the config's "
        + "auto_link_probability.",
        "Writes under --out (files already there are replaced): pairs/ (every scored candidate pair, Parquet: "
        + "l_<left id>, r_<right id>, gamma_<comparison>, blocking_rule, match_weight, match_probability), links/ "
        + "(Parquet) and links.csv (l_<left id>, r_<right id>, match_probability, match_weight, assignment_round), "
        + "model.json (lambda, m, u and weight per level), term_frequencies/<column>/ (Parquet: value, tf) and "
        + "report.json (counts, phase times, eval).",
        "Prints the candidate pairs, the model, the links, the time of each phase (block+compare, estimate, score, "
        + "one-to-one) and, with --truth, precision=... recall=... f1=...; warns on stderr with the pairs lost when "
        + "blocks over max_block_pairs were skipped."})
final class LinkCommand implements Callable<Integer> {
  @Option(names = "--left", required = true, paramLabel = "TABLE",
      description = "The left table: a CSV file with a header (columns read as text), a Parquet file, a Delta table, "
          + "or a folder of CSV or Parquet files.")
  String left;

  @Option(names = "--right", required = true, paramLabel = "TABLE", description = "The right table (as --left).")
  String right;

  @Option(names = "--config", required = true, paramLabel = "FILE",
      description = "The match config file (JSON, as schemas/matching/*.json); its left_id and right_id name the "
          + "tables' id columns.")
  String config;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
  String out;

  @Option(names = "--truth", paramLabel = "CSV",
      description = "True pairs, CSV with a header: columns named as the config's left_id and right_id, or "
          + "l_<left_id> and r_<right_id> (needed when both ids have the same name).")
  String truth;

  @Option(names = "--left-format", paramLabel = "csv|parquet|delta",
      description = "The left table's format (default: a _delta_log folder means Delta, else the file extension).")
  TableLinkJob.Format leftFormat;

  @Option(names = "--right-format", paramLabel = "csv|parquet|delta", description = "The right table's format.")
  TableLinkJob.Format rightFormat;

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces and Spark warnings.")
  boolean verbose;

  @Override
  public Integer call() {
    CommonOptions common = new CommonOptions();
    common.verbose = verbose;
    SparkSession spark = common.spark();
    TableLinkJob.Result r = new TableLinkJob(spark).run(
        new TableLinkJob.Request(left, leftFormat, right, rightFormat, config, out, truth));
    r.lines().forEach(System.out::println);
    if (r.warning() != null) {
      System.err.println(r.warning());
    }
    System.out.println("wrote " + r.out() + ": pairs/, links/, links.csv, model.json, term_frequencies/, report.json");
    return 0;
  }
}

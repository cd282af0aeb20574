package io.socialcrm.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import java.util.ArrayList;
import java.util.stream.IntStream;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** {@code socialcrm link}'s job on two small tables: the links it finds, what it writes, and its errors. */
class TableLinkJobTest extends SparkTestBase {

  @Test
  void linksTwoTablesAndWritesPairsLinksModelAndReport() throws IOException {
    Path dir = newTempDir("link");
    LinkFixture.Files4 f = LinkFixture.write(session(), dir.resolve("in"));
    Path out = dir.resolve("out");
    TableLinkJob job = new TableLinkJob(session());
    assertEquals(TableLinkJob.Format.CSV, job.detect("--left", f.left().toString()));
    assertEquals(TableLinkJob.Format.PARQUET, job.detect("--right", f.right().toString()));

    TableLinkJob.Result r = job.run(new TableLinkJob.Request(f.left().toString(), null, f.right().toString(), null,
        f.config().toString(), out.toString(), f.truth().toString()));

    // Every true pair but the one no rule blocks is linked, and nothing else: typos in the surname or the date of
    // birth are found through the other rule, the right-only namesakes are not linked.
    Set<String> links = session().read().parquet(out.resolve("links").toString()).collectAsList().stream()
        .map(row -> row.getAs("l_person_id") + "-" + row.getAs("r_customer_id")).collect(Collectors.toSet());
    Set<String> expected = IntStream.range(0, LinkFixture.PEOPLE).mapToObj(i -> "p" + i + "-c" + i)
        .filter(p -> !p.startsWith(LinkFixture.UNBLOCKED + "-")).collect(Collectors.toSet());
    assertEquals(expected, links);
    assertEquals(39, r.links());
    assertEquals(1.0, r.eval().precision(), 1e-9);
    assertEquals(39.0 / 40, r.eval().recall(), 1e-9);
    assertEquals(40, r.eval().eligibleTruth());

    // The city rule's blocks (8 x 10 pairs) exceed max_block_pairs 20: skipped, and said.
    assertEquals(5, r.skippedBlocks());
    assertEquals(400, r.skippedPairs());
    Assertions.assertTrue(r.warning().contains("5 blocks over max_block_pairs (20) were skipped: 400 candidate pairs"),
        r.warning());

    // The scored pairs: every candidate, with its gammas and probability; namesakes scored low.
    Dataset<Row> pairs = session().read().parquet(out.resolve("pairs").toString());
    assertEquals(r.candidatePairs(), pairs.count());
    Assertions.assertTrue(List.of(pairs.columns()).containsAll(List.of("l_person_id", "r_customer_id", "gamma_last_name",
        "gamma_dob", "blocking_rule", "match_weight", "match_probability")), String.join(",", pairs.columns()));
    assertEquals(0, pairs.where("r_customer_id LIKE 'x%' AND match_probability >= 0.5").count());
    Assertions.assertTrue(pairs.where("r_customer_id LIKE 'x%'").count() >= 10, "each namesake is a candidate");

    // links.csv holds the same links as links/.
    List<String> csv = Files.readAllLines(out.resolve("links.csv"));
    assertEquals("l_person_id,r_customer_id,match_probability,match_weight,assignment_round", csv.get(0));
    assertEquals(39, csv.size() - 1);
    assertEquals(expected, csv.stream().skip(1).map(l -> l.split(",")[0] + "-" + l.split(",")[1])
        .collect(Collectors.toSet()));

    // The model reads back, with m > u on agreement; term frequencies for the two tf-adjusted columns.
    MatchModel model = MatchModel.fromJson(Files.readString(out.resolve("model.json")));
    MatchModel.LevelParams exactDob = model.comparison("dob").levels().get(0);
    Assertions.assertTrue(exactDob.m() > 0.5 && exactDob.u() < 0.05 && exactDob.m() > 10 * exactDob.u(), exactDob.toString());
    Assertions.assertTrue(model.lambda() > 0 && model.lambda() < 0.1, "lambda " + model.lambda());
    assertEquals(Set.of("first_name", "last_name"), r.model().termFrequencies().keySet());
    Assertions.assertTrue(session().read().parquet(out.resolve("term_frequencies").resolve("last_name").toString()).count() > 40);
    String report = Files.readString(out.resolve("report.json"));
    Assertions.assertTrue(report.contains("\"candidate_pairs\" : " + r.candidatePairs()) && report.contains("\"f1\""), report);

    List<String> lines = r.lines();
    Assertions.assertTrue(lines.stream().anyMatch(l -> l.matches("phases: read [0-9.]+ s, block\\+compare [0-9.]+ s, estimate "
        + "[0-9.]+ s, score [0-9.]+ s, one-to-one [0-9.]+ s; linkage [0-9.]+ s")), String.join("\n", lines));
    Assertions.assertTrue(lines.contains("precision=1.0000 recall=0.9750 f1=0.9873"), String.join("\n", lines));
    Assertions.assertTrue(lines.stream().anyMatch(l -> l.startsWith("candidate pairs: " + r.candidatePairs() + " (")));
  }

  @Test
  void oneToOneAssignsEveryCopyOfAnExactDuplicate() {
    // Ten look-alikes on each side (as the benchmark's scaled copies): paired off as the ids sort, in one round (it
    // took ten when each round took only every record's first choice).
    List<Row> rows = new ArrayList<>();
    for (int a = 0; a < 10; a++) {
      for (int b = 0; b < 10; b++) {
        rows.add(RowFactory.create("l" + a, "r" + b, 0.99, 10.0));
      }
    }
    Dataset<Row> pairs = session().createDataFrame(rows, new StructType()
        .add("l_id", "string").add("r_id", "string").add("match_probability", "double").add("match_weight", "double"));
    List<Row> links = TableLinkJob.oneToOne(pairs, List.of(), "l_id", "r_id").collectAsList();
    assertEquals(10, links.size());
    assertEquals(Set.of("l0-r0", "l1-r1", "l2-r2", "l3-r3", "l4-r4", "l5-r5", "l6-r6", "l7-r7", "l8-r8", "l9-r9"),
        links.stream().map(l -> l.getString(0) + "-" + l.getString(1)).collect(Collectors.toSet()));
    assertEquals(1, links.stream().mapToInt(l -> l.getInt(l.fieldIndex("assignment_round"))).max().orElse(0));
  }

  @Test
  void missingFilesBadConfigsAndMissingColumnsAreClearErrors() throws IOException {
    Path dir = newTempDir("link-errors");
    LinkFixture.Files4 f = LinkFixture.write(session(), dir.resolve("in"));
    TableLinkJob job = new TableLinkJob(session());
    String out = dir.resolve("out").toString();

    SocialCrmException e = assertThrows(SocialCrmException.class, () -> job.run(new TableLinkJob.Request(
        dir.resolve("nope.csv").toString(), null, f.right().toString(), null, f.config().toString(), out, null)));
    assertEquals("bad_argument", e.code());
    Assertions.assertTrue(e.getMessage().contains("no file or folder at " + dir.resolve("nope.csv") + " (--left)"), e.getMessage());

    e = assertThrows(SocialCrmException.class, () -> job.run(new TableLinkJob.Request(f.left().toString(), null,
        f.right().toString(), null, dir.resolve("missing.json").toString(), out, null)));
    Assertions.assertTrue(e.getMessage().contains("(--config)"), e.getMessage());

    Path bad = Files.writeString(dir.resolve("bad.json"), LinkFixture.CONFIG.replace("\"exact\", \"tf_adjust\"",
        "\"exactly\", \"tf_adjust\""));
    e = assertThrows(SocialCrmException.class, () -> job.run(new TableLinkJob.Request(f.left().toString(), null,
        f.right().toString(), null, bad.toString(), out, null)));
    assertEquals("invalid_match_config", e.code());
    Assertions.assertTrue(e.getMessage().contains("'type' must be one of"), e.getMessage());

    Path noCity = Files.writeString(dir.resolve("no_city.csv"), "person_id,first_name,last_name,dob\np1,a,b,c\n");
    e = assertThrows(SocialCrmException.class, () -> job.run(new TableLinkJob.Request(noCity.toString(), null,
        f.right().toString(), null, f.config().toString(), out, null)));
    assertEquals("missing_columns", e.code());
    Assertions.assertTrue(e.getMessage().contains("the left table " + noCity + " has no column city"), e.getMessage());

    Path badTruth = Files.writeString(dir.resolve("truth2.csv"), "a,b\np1,c1\n");
    e = assertThrows(SocialCrmException.class, () -> job.run(new TableLinkJob.Request(f.left().toString(), null,
        f.right().toString(), null, f.config().toString(), out, badTruth.toString())));
    Assertions.assertTrue(e.getMessage().contains("needs the pair columns person_id and customer_id"), e.getMessage());

    Path txt = Files.writeString(dir.resolve("people.txt"), "x");
    e = assertThrows(SocialCrmException.class, () -> job.detect("--left", txt.toString()));
    Assertions.assertTrue(e.getMessage().contains("--left-format csv|parquet|delta"), e.getMessage());
    assertNotNull(job.read("--left", txt.toString(), TableLinkJob.Format.CSV));
  }
}

package io.socialcrm.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The fitted Fellegi–Sunter parameters: λ (the probability that two records drawn at random, one from each
 * table, match: the prior of every pair's score) and, per comparison level, m
 * = P(level | match) and u = P(level | non-match), with how EM ended. Term-frequency tables (value → relative
 * frequency in the right table) ride along as Datasets for scoring; they are not part of the JSON.
 */
public final class MatchModel {

  /** m and u of one level (the null level has none: it weighs 0). */
  public record LevelParams(String label, double m, double u) {
    /** log2(m / u): the level's match weight without term-frequency adjustment. */
    public double weight() {
      return Math.log(m / u) / Math.log(2);
    }
  }

  /** The parameters of one comparison's model levels, in gamma order. */
  public record ComparisonParams(String name, List<LevelParams> levels) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final double lambda;
  private final List<ComparisonParams> comparisons;
  private final int iterations;
  private final boolean converged;
  private final Map<String, Dataset<Row>> termFrequencies;

  public MatchModel(double lambda, List<ComparisonParams> comparisons, int iterations, boolean converged,
                    Map<String, Dataset<Row>> termFrequencies) {
    this.lambda = lambda;
    this.comparisons = List.copyOf(comparisons);
    this.iterations = iterations;
    this.converged = converged;
    this.termFrequencies = Map.copyOf(termFrequencies);
  }

  public double lambda() {
    return lambda;
  }

  public List<ComparisonParams> comparisons() {
    return comparisons;
  }

  public ComparisonParams comparison(String name) {
    return comparisons.stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> Errors.invalidMatchConfig("model", "no comparison named " + name + " in the model"));
  }

  public int iterations() {
    return iterations;
  }

  public boolean converged() {
    return converged;
  }

  /** Right-table column → Dataset(value, tf) of relative frequencies, for the exact levels with tf_adjust. */
  public Map<String, Dataset<Row>> termFrequencies() {
    return termFrequencies;
  }

  /** The same parameters with the given term-frequency tables (e.g. after {@link #fromJson}). */
  public MatchModel withTermFrequencies(Map<String, Dataset<Row>> tf) {
    return new MatchModel(lambda, comparisons, iterations, converged, tf);
  }

  /** The same model with other m and λ (u kept), e.g. after an EM step. */
  MatchModel withM(double newLambda, List<double[]> m, int iters, boolean conv) {
    List<ComparisonParams> out = new ArrayList<>();
    for (int c = 0; c < comparisons.size(); c++) {
      List<LevelParams> levels = new ArrayList<>();
      for (int k = 0; k < comparisons.get(c).levels().size(); k++) {
        LevelParams p = comparisons.get(c).levels().get(k);
        levels.add(new LevelParams(p.label(), m.get(c)[k], p.u()));
      }
      out.add(new ComparisonParams(comparisons.get(c).name(), levels));
    }
    return new MatchModel(newLambda, out, iters, conv, termFrequencies);
  }

  /** JSON: {"lambda", "iterations", "converged", "comparisons": [{"name", "levels": [{"label", "m", "u", "weight"}]}]}. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("lambda", lambda);
    root.put("iterations", iterations);
    root.put("converged", converged);
    ArrayNode comps = root.putArray("comparisons");
    for (ComparisonParams c : comparisons) {
      ObjectNode cn = comps.addObject();
      cn.put("name", c.name());
      ArrayNode levels = cn.putArray("levels");
      for (LevelParams l : c.levels()) {
        levels.addObject().put("label", l.label()).put("m", l.m()).put("u", l.u()).put("weight", l.weight());
      }
    }
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (IOException e) {
      throw Errors.io("cannot write the match model as JSON", e);
    }
  }

  /** Reads a model written by {@link #toJson} (without term-frequency tables). */
  public static MatchModel fromJson(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      List<ComparisonParams> comps = new ArrayList<>();
      for (JsonNode cn : root.get("comparisons")) {
        List<LevelParams> levels = new ArrayList<>();
        for (JsonNode l : cn.get("levels")) {
          levels.add(new LevelParams(l.get("label").asText(), l.get("m").asDouble(), l.get("u").asDouble()));
        }
        comps.add(new ComparisonParams(cn.get("name").asText(), levels));
      }
      return new MatchModel(root.get("lambda").asDouble(), comps, root.get("iterations").asInt(),
          root.get("converged").asBoolean(), new LinkedHashMap<>());
    } catch (IOException | RuntimeException e) {
      throw Errors.invalidMatchConfig("model", "cannot read the match model JSON: " + Errors.rootMessage(e));
    }
  }
}

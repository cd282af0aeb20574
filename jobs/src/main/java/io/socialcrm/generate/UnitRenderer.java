package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.spark.sql.RowFactory;

/**
 * Renders one (input, day, file) unit into its lines (or Parquet rows), injecting the unit's planned defects at
 * records chosen by the seed, and reports the records written and the line of every defect.
 */
final class UnitRenderer {
  private UnitRenderer() {}

  /** Rendered output: the report (known before anything is written) and the lazily rendered lines or rows. */
  record Output(LandingWriter.UnitReport report, Iterator<Object> lines) {}

  static <T> Output render(LandingInput<T> input, World w, int unit, int day, int file, int files,
      List<Defect.Spec> specs) {
    List<T> items = input.items(w, day, file, files);
    Map<Integer, Defect.Spec> targets = chooseTargets(input, w, items, day, file, specs);
    Defect.Spec fileLevel = specs.stream()
        .filter(s -> s.kind() == Defect.EXTRA_FIELD || s.kind() == Defect.EXTRA_COLUMN).findFirst().orElse(null);
    boolean header = input.format() == Format.CSV && !items.isEmpty();
    List<Defect.Hit> hits = new ArrayList<>();
    if (fileLevel != null && !items.isEmpty()) {
      hits.add(new Defect.Hit(fileLevel.kind(), 0));
    }
    long duplicates = 0;
    for (Map.Entry<Integer, Defect.Spec> e : targets.entrySet()) {
      long line = (header ? 1 : 0) + 1 + e.getKey() + duplicates;
      if (e.getValue().kind() == Defect.DUPLICATE) {
        duplicates++;
        line++;
      }
      hits.add(new Defect.Hit(e.getValue().kind(), line));
    }
    LandingWriter.UnitReport report = new LandingWriter.UnitReport(unit, day, file, items.size() + duplicates, hits);
    return new Output(report, new Lines<>(input, w, items, targets, fileLevel, header));
  }

  private static <T> Map<Integer, Defect.Spec> chooseTargets(LandingInput<T> input, World w, List<T> items,
      int day, int file, List<Defect.Spec> specs) {
    Map<Integer, Defect.Spec> targets = new TreeMap<>();
    List<Integer> eligible = null;
    SplittableRandom r = Rng.of(w.seed, Rng.DEFECT, input.name().hashCode(), day, file);
    for (Defect.Spec spec : specs) {
      if (!spec.kind().perLine) {
        continue;
      }
      if (eligible == null) {
        eligible = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          if (input.defectEligible(w, items.get(i))) {
            eligible.add(i);
          }
        }
      }
      if (eligible.isEmpty()) {
        continue;
      }
      targets.put(eligible.remove(r.nextInt(eligible.size())), spec);
    }
    return targets;
  }

  /** The header (CSV), then each record rendered with its defect applied (a duplicate is emitted twice). */
  private static final class Lines<T> implements Iterator<Object> {
    private final LandingInput<T> input;
    private final World w;
    private final List<T> items;
    private final Map<Integer, Defect.Spec> targets;
    private final Defect.Spec fileLevel;
    private boolean headerPending;
    private int next;
    private Object repeat;

    Lines(LandingInput<T> input, World w, List<T> items, Map<Integer, Defect.Spec> targets, Defect.Spec fileLevel,
        boolean header) {
      this.input = input;
      this.w = w;
      this.items = items;
      this.targets = targets;
      this.fileLevel = fileLevel;
      this.headerPending = header;
    }

    @Override
    public boolean hasNext() {
      return headerPending || repeat != null || next < items.size();
    }

    @Override
    public Object next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      if (headerPending) {
        headerPending = false;
        List<String> columns = new ArrayList<>(input.columns());
        if (fileLevel != null) {
          columns.add(fileLevel.field());
        }
        return Csv.line(columns);
      }
      if (repeat != null) {
        Object line = repeat;
        repeat = null;
        return line;
      }
      int index = next++;
      Defect.Spec spec = targets.get(index);
      Object line = line(input.render(w, items.get(index)), spec);
      if (spec != null && spec.kind() == Defect.DUPLICATE) {
        repeat = line;
      }
      return line;
    }

    @SuppressWarnings("unchecked")
    private Object line(Object record, Defect.Spec spec) {
      switch (input.format()) {
        case JSONL -> {
          Map<String, Object> json = (Map<String, Object>) record;
          if (fileLevel != null) {
            Json.set(json, json.containsKey("data") ? "data." + fileLevel.field() : fileLevel.field(),
                fileLevel.value());
          }
          if (spec != null && (spec.kind() == Defect.WRONG_TYPE || spec.kind() == Defect.MISSING_REQUIRED)) {
            Json.set(json, spec.field(), spec.value());
          }
          String text = Json.write(json);
          if (spec != null && spec.kind() == Defect.MALFORMED_JSON) {
            int points = text.codePointCount(0, text.length());
            text = text.substring(0, text.offsetByCodePoints(0, points * 3 / 5));
          }
          return text;
        }
        case CSV -> {
          String[] values = (String[]) record;
          if (spec != null && (spec.kind() == Defect.WRONG_TYPE || spec.kind() == Defect.MISSING_REQUIRED)) {
            values[input.columns().indexOf(spec.field())] = spec.value();
          }
          if (fileLevel != null) {
            String[] extended = Arrays.copyOf(values, values.length + 1);
            extended[values.length] = fileLevel.value();
            values = extended;
          }
          return Csv.line(values);
        }
        default -> {
          return RowFactory.create((Object[]) record);
        }
      }
    }
  }
}

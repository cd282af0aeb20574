package io.socialcrm.generate;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Writes one landing input with Spark: one task per (day, file) unit ({@code spark.range(units)} with one
 * partition per unit, no shuffle), Spark's text or Parquet writer into a temporary directory, then each part file
 * is moved to {@code landing/<input>/<yyyy-mm-dd>/part-0000N.<ext>} (or {@code late/...} for a late file), so only
 * data files are left. Units report their record counts and defect lines through an accumulator (a few objects
 * per unit, never the data).
 */
final class LandingWriter {
  private final SparkSession spark;
  private final Path out;
  private final World world;
  private final DefectPlan defects;

  /** What one unit wrote: its records and the lines of its defects. */
  record UnitReport(int unit, int day, int file, long records, List<Defect.Hit> hits) implements Serializable {}

  /** A file written to landing/ or late/. */
  record WrittenFile(String input, int day, String name, boolean late, long records, List<Defect.Hit> hits) {}

  LandingWriter(SparkSession spark, Path out, World world, DefectPlan defects) {
    this.spark = spark;
    this.out = out;
    this.world = world;
    this.defects = defects;
  }

  List<WrittenFile> write(LandingInput<?> input) {
    int files = input.files(world);
    int units = world.days * files;
    Path tmp = out.resolve(SampleDataGenerator.TMP_DIR).resolve(input.name());
    CollectionAccumulator<UnitReport> reports = spark.sparkContext().collectionAccumulator("units-" + input.name());
    UnitTask task = new UnitTask(input, world, defects, files, reports);
    Dataset<Long> range = spark.range(0, units, 1, units);
    if (input.format() == Format.PARQUET) {
      Dataset<Row> rows = range.mapPartitions(task.rows(), Encoders.row(input.schema()));
      rows.write().mode(SaveMode.Overwrite).option("compression", "snappy").parquet(tmp.toString());
    } else {
      Dataset<String> lines = range.mapPartitions(task.lines(), Encoders.STRING());
      lines.write().mode(SaveMode.Overwrite).option("compression", "none").text(tmp.toString());
    }
    List<WrittenFile> written = place(input, tmp, reports.value());
    written.addAll(emptyFiles(input, files));
    deleteRecursively(tmp);
    return written;
  }

  /** Moves each non-empty unit's part file to its final name. */
  private List<WrittenFile> place(LandingInput<?> input, Path tmp, List<UnitReport> reports) {
    Map<Integer, Path> parts = new HashMap<>();
    String suffix = input.format() == Format.PARQUET ? ".parquet" : ".txt";
    try (Stream<Path> listing = Files.list(tmp)) {
      listing.filter(p -> p.getFileName().toString().startsWith("part-") && p.toString().endsWith(suffix))
          .forEach(p -> parts.put(Integer.parseInt(p.getFileName().toString().substring(5, 10)), p));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<UnitReport> sorted = new ArrayList<>(reports);
    sorted.sort(Comparator.comparingInt(UnitReport::unit));
    List<WrittenFile> written = new ArrayList<>();
    for (UnitReport report : sorted) {
      if (report.records() == 0) {
        continue;
      }
      Path part = parts.get(report.unit());
      if (part == null) {
        throw new IllegalStateException("no part file for unit " + report.unit() + " of " + input.name());
      }
      boolean late = defects.forFile(input.name(), report.day(), report.file()).stream()
          .anyMatch(s -> s.kind() == Defect.LATE_FILE);
      String name = fileName(report.file(), input.format());
      Path dir = out.resolve(late ? "late" : "landing").resolve(input.name())
          .resolve(Times.date(world.date(report.day())));
      move(part, dir.resolve(name));
      List<Defect.Hit> hits = new ArrayList<>(report.hits());
      if (late) {
        hits.add(new Defect.Hit(Defect.LATE_FILE, 0));
      }
      written.add(new WrittenFile(input.name(), report.day(), name, late, report.records(), hits));
    }
    return written;
  }

  /** Extra empty files: zero bytes for JSON lines, the header alone for CSV. */
  private List<WrittenFile> emptyFiles(LandingInput<?> input, int files) {
    List<WrittenFile> written = new ArrayList<>();
    for (Defect.Spec spec : defects.ofKind(input.name(), Defect.EMPTY_FILE)) {
      String name = fileName(files, input.format());
      Path file = out.resolve("landing").resolve(input.name()).resolve(Times.date(world.date(spec.day())))
          .resolve(name);
      String content = input.format() == Format.CSV ? Csv.line(input.columns()) + "\n" : "";
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written.add(new WrittenFile(input.name(), spec.day(), name, false, 0,
          List.of(new Defect.Hit(Defect.EMPTY_FILE, 0))));
    }
    return written;
  }

  static String fileName(int index, Format format) {
    return String.format("part-%05d.%s", index, format.extension);
  }

  private static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The per-partition function: each partition holds one unit id; renders it and reports it. */
  static final class UnitTask implements Serializable {
    private static final long serialVersionUID = 1L;
    private final LandingInput<?> input;
    private final World world;
    private final DefectPlan defects;
    private final int files;
    private final CollectionAccumulator<UnitReport> reports;

    UnitTask(LandingInput<?> input, World world, DefectPlan defects, int files,
        CollectionAccumulator<UnitReport> reports) {
      this.input = input;
      this.world = world;
      this.defects = defects;
      this.files = files;
      this.reports = reports;
    }

    /** Renders the partition's units (one per partition) and reports each before its lines are consumed. */
    @SuppressWarnings("unchecked")
    private <R> Iterator<R> render(Iterator<Long> units) {
      List<Object> none = List.of();
      Iterator<Object> all = none.iterator();
      while (units.hasNext()) {
        int unit = units.next().intValue();
        int day = unit / files;
        int file = unit % files;
        UnitRenderer.Output output = UnitRenderer.render(input, world, unit, day, file, files,
            defects.forFile(input.name(), day, file));
        reports.add(output.report());
        all = concat(all, output.lines());
      }
      return (Iterator<R>) all;
    }

    private static Iterator<Object> concat(Iterator<Object> first, Iterator<Object> second) {
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return first.hasNext() || second.hasNext();
        }

        @Override
        public Object next() {
          return first.hasNext() ? first.next() : second.next();
        }
      };
    }

    MapPartitionsFunction<Long, String> lines() {
      return this::render;
    }

    MapPartitionsFunction<Long, Row> rows() {
      return this::render;
    }
  }
}

package io.socialcrm.generate;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Reads a generated output directory for the tests (landing/, late/, truth/). */
final class GeneratedData {
  final Path out;
  private final Map<String, List<Map<String, String>>> truth = new HashMap<>();

  GeneratedData(Path out) {
    this.out = out;
  }

  /** Data files of an input: landing first, then late, each sorted by path. */
  List<Path> files(String input) {
    List<Path> files = new ArrayList<>(walk(out.resolve("landing").resolve(input)));
    files.addAll(walk(out.resolve("late").resolve(input)));
    return files;
  }

  static List<Path> walk(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path locate(String input, String date, String file) {
    Path landing = out.resolve("landing").resolve(input).resolve(date).resolve(file);
    return Files.exists(landing) ? landing : out.resolve("late").resolve(input).resolve(date).resolve(file);
  }

  static String date(Path file) {
    return file.getParent().getFileName().toString();
  }

  List<Map<String, String>> truth(String name) {
    return truth.computeIfAbsent(name, n -> {
      CsvFile csv = CsvFile.read(out.resolve("truth").resolve(n));
      List<Map<String, String>> rows = new ArrayList<>();
      for (List<String> record : csv.records().subList(1, csv.records().size())) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < csv.header().size(); i++) {
          row.put(csv.header().get(i), record.get(i));
        }
        rows.add(row);
      }
      return rows;
    });
  }

  /** The (1-based) lines listed in defects.csv for a file. */
  Set<Integer> defectLines(Path file) {
    Set<Integer> lines = new HashSet<>();
    for (Map<String, String> d : truth("defects.csv")) {
      if (!d.get("line_or_row").isEmpty() && locate(d.get("input"), d.get("date"), d.get("file")).equals(file)) {
        lines.add(Integer.parseInt(d.get("line_or_row")));
      }
    }
    return lines;
  }

  boolean hasFileDefect(Path file, String kind) {
    return truth("defects.csv").stream().anyMatch(d -> d.get("defect").equals(kind)
        && locate(d.get("input"), d.get("date"), d.get("file")).equals(file));
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The parsable JSON records of an input outside defect lines. */
  List<JsonNode> jsonRecords(String input) {
    List<JsonNode> records = new ArrayList<>();
    for (Path file : files(input)) {
      Set<Integer> skip = defectLines(file);
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (!skip.contains(i + 1)) {
          records.add(parse(lines.get(i)));
        }
      }
    }
    return records;
  }

  static JsonNode parse(String line) {
    try {
      return Contracts.JSON.readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CSV records of an input outside defect lines, as maps by header name. */
  List<Map<String, String>> csvRecords(String input) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Path file : files(input)) {
      CsvFile csv = CsvFile.read(file);
      Set<Integer> skip = defectLines(file);
      for (int r = 1; r < csv.records().size(); r++) {
        if (skip.contains(csv.lines().get(r))) {
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < csv.header().size(); i++) {
          row.put(csv.header().get(i), csv.records().get(r).get(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }
}

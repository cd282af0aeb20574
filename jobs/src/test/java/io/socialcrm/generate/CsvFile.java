package io.socialcrm.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for the tests: records (a header first) with their starting line numbers. */
record CsvFile(List<List<String>> records, List<Integer> lines) {

  static CsvFile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<List<String>> records = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<String> record = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int line = 1;
    int recordLine = 1;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          if (ch == '\n') {
            line++;
          }
          field.append(ch);
        }
      } else if (ch == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (ch == ',') {
        record.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (ch == '\n') {
        record.add(field.toString());
        records.add(record);
        lines.add(recordLine);
        record = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
        line++;
        recordLine = line;
      } else if (ch == '\r') {
        throw new IllegalStateException(file + ": bare CR at line " + line);
      } else {
        field.append(ch);
        fieldStarted = true;
      }
    }
    if (fieldStarted || field.length() > 0) {
      record.add(field.toString());
      records.add(record);
      lines.add(recordLine);
    }
    return new CsvFile(records, lines);
  }

  List<String> header() {
    return records.isEmpty() ? List.of() : records.get(0);
  }

  /** The record starting at a (1-based) line. */
  List<String> at(int line) {
    int i = lines.indexOf(line);
    return i < 0 ? null : records.get(i);
  }
}

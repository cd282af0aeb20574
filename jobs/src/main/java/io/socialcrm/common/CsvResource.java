package io.socialcrm.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Reads a small CSV file shipped on the class path (reference data, lexicons, labelled samples): checks its
 * header and returns its non-blank lines with their line numbers, for the caller to parse and check. Problems are
 * raised through the caller's error factory (resource, problem), so each kind of file keeps its own error.
 */
public final class CsvResource {
  private CsvResource() {}

  /** A non-blank line after the header: its number in the file (the header is line 1) and its text. */
  public record Line(int number, String text) {
    /** The line split at every comma (for files whose fields never hold one). */
    public String[] fields() {
      return text.strip().split(",", -1);
    }
  }

  public static List<Line> read(String resource, String header,
      BiFunction<String, String, SocialCrmException> error) {
    try (InputStream in = CsvResource.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw error.apply(resource, "not found on the class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String first = reader.readLine();
      if (first == null || !first.strip().equals(header)) {
        throw error.apply(resource, "the header must be " + header);
      }
      List<Line> out = new ArrayList<>();
      String text;
      int n = 1;
      while ((text = reader.readLine()) != null) {
        n++;
        if (!text.isBlank()) {
          out.add(new Line(n, text));
        }
      }
      return out;
    } catch (IOException e) {
      throw error.apply(resource, Errors.rootMessage(e));
    }
  }
}

package io.socialcrm.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Prints rows as an aligned text table (numbers right-aligned). */
final class TablePrinter {
  private final List<String> header;
  private final List<List<String>> rows = new ArrayList<>();
  private final boolean[] numeric;

  TablePrinter(List<String> header) {
    this.header = header;
    this.numeric = new boolean[header.size()];
    Arrays.fill(numeric, true);
  }

  TablePrinter row(List<?> values) {
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < header.size(); i++) {
      Object v = i < values.size() ? values.get(i) : null;
      String s = v == null ? "NULL" : v.toString().replace("\n", "\\n");
      if (!(v instanceof Number)) {
        numeric[i] = false;
      }
      cells.add(s);
    }
    rows.add(cells);
    return this;
  }

  void print(PrintStream out) {
    int[] w = new int[header.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = header.get(i).length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], Math.min(r.get(i).length(), 60));
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int x : w) {
      sep.append("-".repeat(x + 2)).append('+');
    }
    out.println(sep);
    out.println(line(header, w, false));
    out.println(sep);
    for (List<String> r : rows) {
      out.println(line(r, w, true));
    }
    out.println(sep);
  }

  private String line(List<String> cells, int[] w, boolean align) {
    StringBuilder sb = new StringBuilder("|");
    for (int i = 0; i < w.length; i++) {
      String c = cells.get(i);
      if (c.length() > w[i]) {
        c = c.substring(0, w[i] - 1) + "…";
      }
      String pad = " ".repeat(w[i] - c.length());
      sb.append(' ').append(align && numeric[i] ? pad + c : c + pad).append(" |");
    }
    return sb.toString();
  }
}

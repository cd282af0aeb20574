package io.socialcrm.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A published name-frequency table (a resource under {@code generate/names/}: {@code name<TAB>count} rows, most
 * frequent first, {@code #} header lines naming the source and licence, written by
 * {@code scripts/names/build_name_tables.py}) and a synthetic long tail standing for the rows of the published list
 * that were not kept: the header's {@code residual_rows} tail names share its {@code residual_mass} equally, so that
 * drawing many people gives about the share of unique names the whole list gives (scripts/names/SOURCES.md compares
 * the two).
 *
 * <p>A tail name is a pronounceable word made from its index by a bijection ({@link TailStyle}), so two tail indexes
 * never share a spelling.
 */
final class NameTable implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String resource;
  private final String[] names;
  private final double[] cumulative;
  private final double kept;
  private final double each;
  private final int tail;
  private final TailStyle style;

  private NameTable(String resource, String[] names, double[] counts, long tailRows, double tailMass,
      TailStyle style) {
    if (names.length == 0) {
      throw new IllegalStateException(resource + ": no names");
    }
    this.resource = resource;
    this.names = names;
    this.cumulative = new double[counts.length];
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += counts[i];
      cumulative[i] = sum;
    }
    this.kept = sum;
    this.tail = style == null || tailRows <= 0 || tailMass <= 0 ? 0 : (int) Math.min(style.capacity(), tailRows);
    this.each = tail == 0 ? 0 : tailMass / tailRows;
    this.style = style;
  }

  /** The table in the resource {@code generate/names/<file>}, with tail names in {@code style} (null: no tail). */
  static NameTable load(String file, TailStyle style) {
    String resource = "generate/names/" + file;
    List<String> names = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    long tailRows = 0;
    double tailMass = 0;
    try (InputStream in = NameTable.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.startsWith("#")) {
          String h = line.substring(1).strip();
          if (h.startsWith("residual_rows:")) {
            tailRows = Long.parseLong(firstWord(h.substring("residual_rows:".length())));
          } else if (h.startsWith("residual_mass:")) {
            tailMass = Double.parseDouble(firstWord(h.substring("residual_mass:".length())));
          }
          continue;
        }
        if (line.isBlank()) {
          continue;
        }
        int tab = line.indexOf('\t');
        names.add(line.substring(0, tab));
        counts.add(Double.parseDouble(line.substring(tab + 1).strip()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    double[] c = counts.stream().mapToDouble(Double::doubleValue).toArray();
    return new NameTable(resource, names.toArray(String[]::new), c, tailRows, tailMass, style);
  }

  /**
   * A table for a culture without a published list: the frequencies of {@code shape} (its kept rows and tail) with
   * the names {@code head} for its most frequent rows and words of {@code style} for the rest, so that it has the
   * uniqueness statistics of {@code shape}'s population.
   */
  static NameTable shapedLike(NameTable shape, List<String> head, TailStyle style) {
    String[] names = new String[shape.names.length];
    double[] counts = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = i < head.size() ? head.get(i) : style.word(i - head.size());
      counts[i] = shape.cumulative[i] - (i == 0 ? 0 : shape.cumulative[i - 1]);
    }
    int offset = names.length - head.size();
    TailStyle shifted = new TailStyle(style.onsets(), style.middles(), style.endings(), offset);
    return new NameTable("shaped like " + shape.resource, names, counts, shape.tail, shape.tail * shape.each,
        shifted);
  }

  private static String firstWord(String s) {
    String t = s.strip();
    int space = t.indexOf(' ');
    return space < 0 ? t : t.substring(0, space);
  }

  /** Draws a name's index: a kept row in proportion to its count, or a tail name. */
  int draw(SplittableRandom r) {
    double u = r.nextDouble() * (kept + tail * each);
    if (u < kept) {
      int i = Arrays.binarySearch(cumulative, u);
      i = i >= 0 ? i + 1 : -i - 1;
      return Math.min(i, names.length - 1);
    }
    return names.length + (int) Math.min(tail - 1, (long) ((u - kept) / each));
  }

  /** The name of index {@code i}: a kept row's, or the tail name it stands for. */
  String name(int i) {
    return i < names.length ? names[i] : style.word(i - names.length);
  }

  /** Kept rows and tail names. */
  int size() {
    return names.length + tail;
  }

  /** The rows kept from the published list. */
  int keptRows() {
    return names.length;
  }

  @Override
  public String toString() {
    return resource + " (" + names.length + " rows, " + tail + " tail names)";
  }

  /**
   * How tail names are spelled: an onset syllable, middle syllables and an ending, each chosen by one mixed-radix
   * digit of a scrambled index, so distinct indexes below {@link #capacity} give distinct words.
   */
  record TailStyle(String[] onsets, String[] middles, String[] endings, int offset) implements Serializable {
    TailStyle(String[] onsets, String[] middles, String[] endings) {
      this(onsets, middles, endings, 0);
    }

    /** How many distinct words the style spells (after its first {@code offset}, which a table's rows use). */
    long capacity() {
      return (long) onsets.length * middles.length * middles.length * endings.length - offset;
    }

    String word(int tailIndex) {
      long index = (long) tailIndex + offset;
      long cap = capacity() + offset;
      // an affine bijection of [0, cap) so that neighbouring indexes do not share their leading syllables
      long a = 0x9E3779B1L % cap;
      while (gcd(a, cap) != 1) {
        a++;
      }
      long x = Math.floorMod(a * index + 12_345, cap);
      String end = endings[(int) (x % endings.length)];
      x /= endings.length;
      String m2 = middles[(int) (x % middles.length)];
      x /= middles.length;
      String m1 = middles[(int) (x % middles.length)];
      x /= middles.length;
      String on = onsets[(int) x];
      String w = on + m1 + m2 + end;
      return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    private static long gcd(long a, long b) {
      return b == 0 ? a : gcd(b, a % b);
    }
  }
}

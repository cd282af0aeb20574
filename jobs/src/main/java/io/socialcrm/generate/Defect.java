package io.socialcrm.generate;

import java.io.Serializable;

/** The kinds of deliberate defects; {@link #label} is the value of {@code defects.csv}'s defect column. */
enum Defect {
  /** A JSON line cut short (an unterminated object). */
  MALFORMED_JSON("malformed_json", true),
  /** A value of the wrong type: text in a number field, an amount like "12,5x", an impossible date. */
  WRONG_TYPE("wrong_type", true),
  /** A required field missing (JSON) or empty (CSV). */
  MISSING_REQUIRED("missing_required", true),
  /** The same record twice in a row; the listed line is the second copy. */
  DUPLICATE("duplicate", true),
  /** Every line of the file has an extra JSON field (source_app). */
  EXTRA_FIELD("extra_field", false),
  /** The file has an extra last column (export_tag) in its header and every row. */
  EXTRA_COLUMN("extra_column", false),
  /** The file arrives a day late: it is under late/ instead of landing/. */
  LATE_FILE("late_file", false),
  /** An extra empty file: zero bytes (JSON lines) or only the header (CSV). */
  EMPTY_FILE("empty_file", false);

  final String label;
  final boolean perLine;

  Defect(String label, boolean perLine) {
    this.label = label;
    this.perLine = perLine;
  }

  /**
   * One planned defect: where (input, day, file index) and, for field defects, which field ({@code field}: a
   * dotted JSON path or a CSV column) gets which value (null: removed or empty).
   */
  record Spec(String input, Defect kind, int day, int file, String field, String value) implements Serializable {}

  /** A defect as injected: the line (1-based, header included; 0 for whole-file defects). */
  record Hit(Defect kind, long line) implements Serializable {}
}

package io.socialcrm.generate;

import java.util.List;

/** RFC 4180 CSV lines: fields with a comma, quote or line break are quoted, quotes doubled; null is empty. */
final class Csv {
  private Csv() {}

  static String line(String[] values) {
    StringBuilder sb = new StringBuilder(values.length * 12);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      appendField(sb, values[i]);
    }
    return sb.toString();
  }

  static String line(List<String> values) {
    return line(values.toArray(new String[0]));
  }

  private static void appendField(StringBuilder sb, String value) {
    if (value == null) {
      return;
    }
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0 || (!value.isEmpty() && (value.charAt(0) == ' '
            || value.charAt(value.length() - 1) == ' '));
    if (!quote) {
      sb.append(value);
      return;
    }
    sb.append('"');
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '"') {
        sb.append('"');
      }
      sb.append(ch);
    }
    sb.append('"');
  }
}

package io.socialcrm.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON lines: ordered maps written compactly (non-ASCII characters kept as they are, UTF-8 files). */
final class Json {
  private Json() {}

  /** An ordered object from alternating keys and values; null values are left out (as the X API does). */
  static Map<String, Object> obj(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      if (keysAndValues[i + 1] != null) {
        m.put((String) keysAndValues[i], keysAndValues[i + 1]);
      }
    }
    return m;
  }

  /** Compact JSON of maps, lists, strings, numbers and booleans (what the generator builds). */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder(512);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Map<?, ?> map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, (String) e.getKey());
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List<?> list) {
      sb.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          sb.append(',');
        }
        write(sb, list.get(i));
      }
      sb.append(']');
    } else if (value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (ch < 0x20) {
            sb.append(String.format("\\u%04x", (int) ch));
          } else {
            sb.append(ch);
          }
        }
      }
    }
    sb.append('"');
  }

  /** Sets (or, with a null value, removes) the field at a dotted path such as {@code data.author_id}. */
  @SuppressWarnings("unchecked")
  static void set(Map<String, Object> root, String path, Object value) {
    String[] parts = path.split("\\.");
    Map<String, Object> m = root;
    for (int i = 0; i < parts.length - 1; i++) {
      m = (Map<String, Object>) m.get(parts[i]);
      if (m == null) {
        return;
      }
    }
    if (value == null) {
      m.remove(parts[parts.length - 1]);
    } else {
      m.put(parts[parts.length - 1], value);
    }
  }
}

package io.socialcrm.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The data contracts (schemas/inputs and schemas/crm on the class path) and a checker for records. */
final class Contracts {
  private Contracts() {}

  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> SOCIAL = List.of("x_posts", "x_follows", "facebook_posts", "facebook_comments",
      "facebook_reactions", "linkedin_posts", "linkedin_followers");
  static final List<String> CRM = List.of("customers", "leads", "orders", "campaigns", "marketing_spend",
      "support_cases", "matching_consent");
  static final DateTimeFormatter CRM_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  static List<String> all() {
    List<String> all = new ArrayList<>(SOCIAL);
    all.addAll(CRM);
    return all;
  }

  static JsonNode contract(String input) {
    String path = (SOCIAL.contains(input) ? "schemas/inputs/" : "schemas/crm/") + input + ".json";
    try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no contract on the class path: " + path);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> columnNames(String input) {
    List<String> names = new ArrayList<>();
    contract(input).get("columns").forEach(c -> names.add(c.get("name").asText()));
    return names;
  }

  /** Violations of a JSON record (x_posts, x_follows): each column read at its path. */
  static List<String> checkJson(JsonNode contract, JsonNode record) {
    return check(contract, column -> {
      JsonNode node = record;
      for (String part : column.get("path").asText().split("\\.")) {
        node = node == null ? null : node.get(part);
      }
      return node == null || node.isNull() ? null : node;
    });
  }

  /** Violations of a CSV record: values by column name (empty is null). */
  static List<String> checkCsv(JsonNode contract, List<String> header, List<String> values) {
    if (values.size() != header.size()) {
      return List.of("has " + values.size() + " fields, header has " + header.size());
    }
    return check(contract, column -> {
      int i = header.indexOf(column.get("name").asText());
      String v = i < 0 ? null : values.get(i);
      return v == null || v.isEmpty() ? null : JSON.getNodeFactory().textNode(v);
    });
  }

  private static List<String> check(JsonNode contract, Function<JsonNode, JsonNode> valueOf) {
    List<String> problems = new ArrayList<>();
    boolean json = contract.get("format").asText().equals("jsonl");
    for (JsonNode column : contract.get("columns")) {
      String name = column.get("name").asText();
      JsonNode value = valueOf.apply(column);
      if (value == null) {
        if (column.has("nullable") && !column.get("nullable").asBoolean()) {
          problems.add(name + " is missing");
        }
        continue;
      }
      String type = column.get("type").asText();
      if (type.equals("json")) {
        continue;
      }
      if (json && type.equals("long")) {
        if (!value.isIntegralNumber()) {
          problems.add(name + " is not a number: " + value);
        } else if (column.has("min") && value.asLong() < column.get("min").asLong()) {
          problems.add(name + " below min");
        }
        continue;
      }
      if (json && !value.isTextual()) {
        problems.add(name + " is not a string: " + value);
        continue;
      }
      String text = value.asText();
      String problem = checkText(column, type, text);
      if (problem != null) {
        problems.add(name + " " + problem + ": " + text);
      }
    }
    return problems;
  }

  private static String checkText(JsonNode column, String type, String text) {
    try {
      switch (type) {
        case "long" -> {
          long v = Long.parseLong(text);
          if (column.has("min") && v < column.get("min").asLong()) {
            return "below min";
          }
        }
        case "double" -> {
          double v = Double.parseDouble(text);
          if (column.has("min") && v < column.get("min").asDouble()) {
            return "below min";
          }
        }
        case "boolean" -> {
          if (!text.equals("true") && !text.equals("false")) {
            return "not a boolean";
          }
        }
        case "date" -> LocalDate.parse(text);
        case "timestamp" -> LocalDateTime.parse(text, column.has("format")
            ? DateTimeFormatter.ofPattern(column.get("format").asText()) : CRM_TIMESTAMP);
        case "string" -> { }
        default -> {
          if (type.startsWith("decimal")) {
            BigDecimal v = new BigDecimal(text);
            if (v.scale() > 2 || v.precision() > 12 || v.signum() < 0) {
              return "not a decimal(12,2)";
            }
          } else {
            return "has unknown type " + type;
          }
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      return "is not a " + type;
    }
    if (column.has("pattern") && !text.matches(column.get("pattern").asText())) {
      return "does not match " + column.get("pattern").asText();
    }
    if (column.has("allowed")) {
      boolean ok = false;
      for (JsonNode a : column.get("allowed")) {
        ok |= a.asText().equals(text);
      }
      if (!ok) {
        return "is not allowed";
      }
    }
    return null;
  }
}

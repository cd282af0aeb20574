package io.socialcrm.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the data contracts from {@code schemas/inputs} and {@code schemas/crm} on the class path (the build
 * copies the repository's {@code schemas/} folder into the jar), and checks that each is well formed.
 */
public final class Contracts {
  public static final List<String> FOLDERS = List.of("schemas/inputs", "schemas/crm");
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static volatile List<Contract> all;

  private Contracts() {}

  /** Every input contract, social first then CRM, each folder in name order. */
  public static List<Contract> all() {
    if (all == null) {
      List<Contract> loaded = new ArrayList<>();
      for (String folder : FOLDERS) {
        for (String file : listResources(folder)) {
          loaded.add(parse(folder + "/" + file));
        }
      }
      Set<String> names = new HashSet<>();
      for (Contract c : loaded) {
        if (!names.add(c.name())) {
          throw Errors.invalidContract(c.name(), "the name is declared twice");
        }
      }
      all = Collections.unmodifiableList(loaded);
    }
    return all;
  }

  public static Contract get(String name) {
    return all().stream().filter(c -> c.name().equals(name)).findFirst()
        .orElseThrow(() -> Errors.badArgument("input", name, "one of " + all().stream().map(Contract::name).toList()));
  }

  /** Parses and checks one contract resource. */
  public static Contract parse(String resource) {
    try (InputStream in = Contracts.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw Errors.invalidContract(resource, "not found on the class path");
      }
      Contract c = JSON.readValue(in, Contract.class);
      return check(c, resource);
    } catch (IOException e) {
      throw Errors.invalidContract(resource, Errors.rootMessage(e));
    }
  }

  /** Checks a parsed contract (names, formats, columns and their types, patterns and subjects, keys, JDBC) and returns it with defaults filled in. */
  public static Contract check(Contract c, String where) {
    String name = c.name() == null ? where : c.name();
    if (c.name() == null || !c.name().matches("[a-z][a-z0-9_]*")) {
      throw Errors.invalidContract(name, "the name must be lower_snake_case");
    }
    if (!List.of(Contract.FORMAT_JSONL, Contract.FORMAT_CSV, Contract.FORMAT_CRM).contains(c.format())) {
      throw Errors.invalidContract(name, "format must be jsonl, csv or crm, not " + c.format());
    }
    if (c.columns() == null || c.columns().isEmpty()) {
      throw Errors.invalidContract(name, "no columns");
    }
    Set<String> cols = new HashSet<>();
    for (ColumnSpec col : c.columns()) {
      if (col.name() == null || col.name().startsWith("_") || !cols.add(col.name())) {
        throw Errors.invalidContract(name, "column name '" + col.name() + "' is missing, repeated or starts with _");
      }
      try {
        col.columnType();
      } catch (RuntimeException e) {
        throw Errors.invalidContract(name, "column " + col.name() + ": " + e.getMessage());
      }
      if (col.pattern() != null) {
        Pattern.compile(col.pattern());
      }
      checkSubject(c, name, col);
    }
    if (c.keys() == null || c.keys().isEmpty() || !cols.containsAll(c.keys())) {
      throw Errors.invalidContract(name, "keys " + c.keys() + " must name contract columns");
    }
    if (c.isCrm() && (c.jdbc() == null || c.jdbc().get("table") == null || !cols.contains(c.jdbc().get("updated_at")))) {
      throw Errors.invalidContract(name, "a CRM table needs jdbc.table and a jdbc.updated_at column");
    }
    return new Contract(c.name(), c.source(), c.description(), c.format(), List.copyOf(c.keys()),
        List.copyOf(c.columns()), c.rules() == null ? List.of() : List.copyOf(c.rules()),
        c.jdbc() == null ? Map.of() : Map.copyOf(c.jdbc()));
  }

  /**
   * A {@code subject} is {@code customer} or {@code profile} on a text column; a profile needs a platform: the
   * contract's source (x, facebook, linkedin) or a {@code platform} column whose values are those platforms.
   */
  private static void checkSubject(Contract c, String name, ColumnSpec col) {
    if (col.subject() == null) {
      return;
    }
    if (!List.of(ColumnSpec.SUBJECT_CUSTOMER, ColumnSpec.SUBJECT_PROFILE).contains(col.subject())) {
      throw Errors.invalidContract(name, "column " + col.name() + ": subject must be customer or profile, not '"
          + col.subject() + "'");
    }
    if (!col.columnType().isText()) {
      throw Errors.invalidContract(name, "column " + col.name() + ": a subject column must be a string");
    }
    if (ColumnSpec.SUBJECT_PROFILE.equals(col.subject()) && c.subjectPlatform() == null) {
      ColumnSpec platform = c.column(Contract.PLATFORM_COLUMN);
      if (platform == null || platform.allowed() == null || !Contract.PLATFORMS.containsAll(platform.allowed())) {
        throw Errors.invalidContract(name, "column " + col.name() + ": a profile subject needs a platform: source "
            + Contract.PLATFORMS + " or a platform column allowing only those");
      }
    }
  }

  /** File names (sorted) of the JSON resources in a class-path folder, from a directory or from a jar. */
  static List<String> listResources(String folder) {
    URL url = Contracts.class.getClassLoader().getResource(folder);
    if (url == null) {
      throw Errors.invalidContract(folder, "folder not found on the class path");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        FileSystem fs;
        try {
          fs = FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
          fs = FileSystems.getFileSystem(uri);
        }
        return list(fs.getPath(folder));
      }
      return list(Path.of(uri));
    } catch (IOException | URISyntaxException e) {
      throw Errors.invalidContract(folder, Errors.rootMessage(e));
    }
  }

  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
    }
  }
}

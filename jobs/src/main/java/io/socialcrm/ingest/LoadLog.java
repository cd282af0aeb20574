package io.socialcrm.ingest;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.socialcrm.common.CodeVersion;
import io.socialcrm.common.Errors;
import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.Lake;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What ingest loaded per input and landing date, as COPY INTO and Auto Loader keep their loaded files: each file's
 * path, size, modification time and SHA-256, and the contract it was checked against, in
 * {@code <lake>/_state/ingest/<yyyy-mm-dd>.json}. A date whose files are all as loaded (same paths; same size, and
 * the same modification time or else the same content) under the same contract and build ({@link CodeVersion}) is
 * not read or written again; an
 * added, changed or removed file reloads the date. Written only after the date's tables are committed, so a load
 * that failed is redone.
 */
public final class LoadLog {
  public static final String FOLDER = "_state/ingest";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** One landing file as loaded. */
  public record FileEntry(@JsonProperty("path") String path, @JsonProperty("size") long size,
                          @JsonProperty("modified_ms") long modifiedMs, @JsonProperty("sha256") String sha256) {}

  /** One input's load of a date: the contract's fingerprint, its files, and the run that loaded them. */
  public record InputEntry(@JsonProperty("contract") String contract, @JsonProperty("files") List<FileEntry> files,
                           @JsonProperty("run_id") String runId) {}

  private final Lake lake;

  public LoadLog(Lake lake) {
    this.lake = lake;
  }

  private String file(LocalDate date) {
    return Lake.join(lake.root(), FOLDER, date + ".json");
  }

  /** Each input's last load of the date (empty when the date was never loaded). */
  public Map<String, InputEntry> read(LocalDate date) {
    String text = lake.readText(file(date));
    if (text == null) {
      return new TreeMap<>();
    }
    try {
      return new TreeMap<>(JSON.readValue(text, new TypeReference<Map<String, InputEntry>>() {}));
    } catch (IOException e) {
      return new TreeMap<>(); // an unreadable log only costs a reload
    }
  }

  /** Whether {@code files} are the files of {@code loaded}, unchanged, under the same contract. */
  public boolean unchanged(Contract contract, List<String> files, InputEntry loaded) {
    if (loaded == null || !fingerprint(contract).equals(loaded.contract()) || loaded.files().size() != files.size()) {
      return false;
    }
    Map<String, FileEntry> byPath = new TreeMap<>();
    loaded.files().forEach(f -> byPath.put(f.path(), f));
    for (String file : files) {
      FileEntry was = byPath.get(file);
      if (was == null) {
        return false;
      }
      Lake.FileStamp now = lake.stamp(file);
      if (now.size() != was.size() || now.modifiedMs() != was.modifiedMs() && !lake.sha256(file).equals(was.sha256())) {
        return false;
      }
    }
    return true;
  }

  /** The entry to record for loading {@code files} now: stamps and hashes taken before the load reads them. */
  public InputEntry observe(Contract contract, List<String> files, String runId) {
    return new InputEntry(fingerprint(contract), files.stream().map(f -> {
      Lake.FileStamp st = lake.stamp(f);
      return new FileEntry(f, st.size(), st.modifiedMs(), lake.sha256(f));
    }).toList(), runId);
  }

  /** Records the loads of a date (merged over what the log holds for its other inputs). */
  public void record(LocalDate date, Map<String, InputEntry> loads) {
    if (loads.isEmpty()) {
      return;
    }
    Map<String, InputEntry> all = read(date);
    all.putAll(loads);
    try {
      lake.writeText(file(date), JSON.writeValueAsString(all));
    } catch (IOException e) {
      throw Errors.io("cannot write " + file(date), e);
    }
  }

  /** The contract as checked: a load under another contract (a new column, a new rule) is not the same load. */
  static String fingerprint(Contract contract) {
    // The contract's text with its map sorted: Map.copyOf's order differs from one JVM to the next.
    Contract sorted = new Contract(contract.name(), contract.source(), contract.description(), contract.format(),
        contract.keys(), contract.columns(), contract.rules(), contract.jdbc() == null ? null : new TreeMap<>(contract.jdbc()));
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      // and the code that checks it: a new build reloads a date it runs
      sha.update(CodeVersion.fingerprint().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(sorted.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

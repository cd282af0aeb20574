package io.socialcrm.ingest;

import java.util.List;
import java.util.Map;

/** What ingesting one input for one date did: its files and counts (read = loaded + quarantined). */
public record InputResult(
    String input,
    String source,
    List<FileCount> files,
    long read,
    long loaded,
    long quarantined,
    Map<String, Long> quarantineReasons,
    long durationMs) {

  /** Records read from one file (or JDBC slice), and how many of them were quarantined. */
  public record FileCount(String file, long read, long quarantined) {}
}

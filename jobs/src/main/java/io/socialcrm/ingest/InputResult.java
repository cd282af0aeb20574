package io.socialcrm.ingest;

import java.util.List;
import java.util.Map;

/**
 * What ingesting one input for one or more dates did: its files and counts (read = loaded + quarantined + erased, where
 * erased counts the records of erased people dropped by replay protection, see {@code io.socialcrm.privacy}).
 */
public record InputResult(
    String input,
    String source,
    List<FileCount> files,
    long read,
    long loaded,
    long quarantined,
    long erased,
    Map<String, Long> quarantineReasons,
    long durationMs) {

  /** Records read from one file (or JDBC slice) of a date, and how many of them were quarantined and erased. */
  public record FileCount(String file, String date, long read, long quarantined, long erased) {}
}

package io.socialcrm.ingest;

import java.util.List;
import java.util.Map;

/**
 * What ingesting one input for one or more dates did ({@link #LOADED}, or {@link #UNCHANGED} when the load log
 * found every file of its dates as loaded before): its files and counts (read = loaded + quarantined + erased, where
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
    long durationMs,
    String status) {

  /** The input's files were read and its tables written. */
  public static final String LOADED = "loaded";
  /** Every file of the input's dates was as the load log had it: nothing was read or written. */
  public static final String UNCHANGED = "unchanged";

  /** An input whose dates were all unchanged. */
  public static InputResult unchanged(String input, String source) {
    return new InputResult(input, source, List.of(), 0, 0, 0, 0, Map.of(), 0, UNCHANGED);
  }

  /** Records read from one file (or JDBC slice) of a date, and how many of them were quarantined and erased. */
  public record FileCount(String file, String date, long read, long quarantined, long erased) {}
}

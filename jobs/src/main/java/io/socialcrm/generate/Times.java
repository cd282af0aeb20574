package io.socialcrm.generate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Time helpers. All generated times are epoch milliseconds in UTC; each source has its own text format
 * (formatted by hand: this runs for every record).
 */
final class Times {
  private Times() {}

  static final long SECOND = 1_000L;
  static final long MINUTE = 60 * SECOND;
  static final long HOUR = 60 * MINUTE;
  static final long DAY = 24 * HOUR;

  static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  /** X API v2, {@code yyyy-MM-dd'T'HH:mm:ss.SSSX}: always UTC, e.g. 2024-03-04T10:15:30.000Z. */
  static String x(long millis) {
    StringBuilder sb = new StringBuilder(24);
    LocalDate d = dateOf(millis);
    year(sb, d).append('-');
    two(sb, d.getMonthValue()).append('-');
    two(sb, d.getDayOfMonth()).append('T');
    clock(sb, millis, true);
    long ms = Math.floorMod(millis, SECOND);
    sb.append('.').append((char) ('0' + ms / 100)).append((char) ('0' + ms / 10 % 10)).append((char) ('0' + ms % 10));
    return sb.append('Z').toString();
  }

  /** Facebook page exports, {@code dd/MM/yyyy HH:mm} (European, UTC). */
  static String facebook(long millis) {
    StringBuilder sb = new StringBuilder(16);
    LocalDate d = dateOf(millis);
    two(sb, d.getDayOfMonth()).append('/');
    two(sb, d.getMonthValue()).append('/');
    year(sb, d).append(' ');
    return clock(sb, millis, false).toString();
  }

  /** LinkedIn page exports, {@code MM/dd/yyyy HH:mm} (US, UTC). */
  static String linkedin(long millis) {
    StringBuilder sb = new StringBuilder(16);
    LocalDate d = dateOf(millis);
    two(sb, d.getMonthValue()).append('/');
    two(sb, d.getDayOfMonth()).append('/');
    year(sb, d).append(' ');
    return clock(sb, millis, false).toString();
  }

  /** CRM dumps, {@code yyyy-MM-dd HH:mm:ss} (UTC). */
  static String crm(long millis) {
    StringBuilder sb = new StringBuilder(19);
    LocalDate d = dateOf(millis);
    year(sb, d).append('-');
    two(sb, d.getMonthValue()).append('-');
    two(sb, d.getDayOfMonth()).append(' ');
    return clock(sb, millis, true).toString();
  }

  static String date(LocalDate date) {
    return DATE.format(date);
  }

  private static StringBuilder year(StringBuilder sb, LocalDate d) {
    return sb.append(d.getYear());
  }

  private static StringBuilder two(StringBuilder sb, int value) {
    return sb.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  private static StringBuilder clock(StringBuilder sb, long millis, boolean seconds) {
    long inDay = Math.floorMod(millis, DAY);
    two(sb, (int) (inDay / HOUR)).append(':');
    two(sb, (int) (inDay / MINUTE % 60));
    if (seconds) {
      two(sb.append(':'), (int) (inDay / SECOND % 60));
    }
    return sb;
  }

  static long startOf(LocalDate date) {
    return date.toEpochDay() * DAY;
  }

  static LocalDate dateOf(long millis) {
    return LocalDate.ofEpochDay(Math.floorDiv(millis, DAY));
  }

  /** Truncates to whole seconds (exports carry no milliseconds). */
  static long seconds(long millis) {
    return millis - Math.floorMod(millis, SECOND);
  }

  /** Truncates to whole minutes (Facebook and LinkedIn exports carry minutes only). */
  static long minutes(long millis) {
    return millis - Math.floorMod(millis, MINUTE);
  }
}

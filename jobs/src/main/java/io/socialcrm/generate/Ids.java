package io.socialcrm.generate;

/**
 * Identifiers. Every id is a bijective scramble (an affine map modulo a power of ten) of a unique structured
 * index, so ids are unique by construction, look unordered, and need no lookup table.
 */
final class Ids {
  private Ids() {}

  /** Multiplier coprime with 10, so {@code a*n + b mod 10^k} is a bijection of [0, 10^k). */
  private static final long A = 7_919_113L;

  /** A bijection of [0, modulus) for a power-of-ten modulus (indexes below 10^12, so nothing overflows). */
  static long scramble(long n, long modulus, long offset) {
    if (n < 0 || n >= modulus || n >= 1_000_000_000_000L) {
      throw new IllegalArgumentException("index " + n + " out of range " + modulus);
    }
    return Math.floorMod(A * n + offset, modulus);
  }

  /** Space of structured indexes: (day, a, b) with a below {@code aBound} and b below {@code bBound}. */
  static long index(int day, long a, long aBound, long b, long bBound) {
    return ((day + 64L) * aBound + a) * bBound + b;
  }

  /**
   * A bijection of [0, 10^(2*halfDigits)): a four-round Feistel network on the two decimal halves, so that
   * consecutive indexes get unrelated ids with digits spread over the whole width.
   */
  static long feistel(long n, int halfDigits) {
    long half = 1;
    for (int i = 0; i < halfDigits; i++) {
      half *= 10;
    }
    if (n < 0 || n / half >= half) {
      throw new IllegalArgumentException("index " + n + " out of range");
    }
    long left = n / half;
    long right = n % half;
    for (int round = 0; round < 4; round++) {
      long next = Math.floorMod(left + Rng.mix64(right * 31 + round + 0x5DEECE66DL), half);
      left = right;
      right = next;
    }
    return left * half + right;
  }

  // X ids. Old accounts have short ids, newer ones 19-digit snowflake-like ids; the two ranges do not overlap.
  static String xUserId(int profile, boolean oldAccount) {
    return oldAccount
        ? Long.toString(10_000_000L + scramble(profile, 100_000_000L, 12_345_678L))
        : Long.toString(1_300_000_000_000_000_000L + feistel(profile, 8));
  }

  /** Post ids of X: one disjoint 10^16-wide range per space (people, brands, complaints, care replies). */
  static String xPostId(int space, long index) {
    return Long.toString(1_700_000_000_000_000_000L + space * 10_000_000_000_000_000L
        + feistel(index, 8));
  }

  static String facebookUserId(int profile) {
    return Long.toString(100_000_000_000_000L + scramble(profile, 1_000_000_000_000L, 161_803_398_874L));
  }

  /** Facebook page-post and comment numbers, one 10^14-wide range per space. */
  static long facebookNumber(int space, long index) {
    return 1_000_000_000_000_000L + space * 100_000_000_000_000L
        + feistel(index, 7);
  }

  /** LinkedIn member id: 8 base-36 characters from a bijection of [0, 36^8). */
  static String linkedinMemberId(int profile) {
    long n = Math.floorMod(A * profile + 1_234_567_890L, 2_821_109_907_456L); // 36^8
    StringBuilder sb = new StringBuilder("ACoAA");
    String digits = Long.toString(n, 36);
    for (int i = digits.length(); i < 8; i++) {
      sb.append('0');
    }
    return sb.append(digits.toUpperCase()).toString();
  }

  static String linkedinActivity(long index) {
    return Long.toString(7_100_000_000_000_000_000L + feistel(index, 8));
  }

  static String customerId(int customer) {
    return String.format("C%07d", customer + 1);
  }

  static String orderId(long index) {
    return String.format("O%08d", scramble(index, 100_000_000L, 27_182_818L));
  }

  static String caseId(long index) {
    return String.format("S%07d", scramble(index, 10_000_000L, 3_141_592L));
  }

  static String leadId(long index) {
    return String.format("L%07d", scramble(index, 10_000_000L, 1_414_213L));
  }

  static String campaignId(int campaign) {
    return String.format("CMP%03d", campaign + 1);
  }
}

package io.socialcrm.privacy;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.spark.sql.Column;

/**
 * The one-way hash that names an erased person in the register and in ingestion's replay check: SHA-256 (hex,
 * lower case) of a fixed project pepper followed by the subject key ({@code customer:<id>} or
 * {@code profile:<platform>:<id>}). The pepper is a constant in the code, not a secret: it only keeps the register
 * from matching plain SHA-256 tables of ids; ids being guessable, the register is protected data all the same.
 * The same value is computed in Java ({@link #of}) and in Spark ({@link #column}, built-in {@code sha2}, no UDF).
 */
public final class SubjectHash {
  /** Fixed project pepper; changing it makes every registered erasure unrecognisable to ingestion. */
  public static final String PEPPER = "socialcrm/erasure/v1/6f1c2a9e|";
  public static final String CUSTOMER_PREFIX = "customer:";
  public static final String PROFILE_PREFIX = "profile:";

  private SubjectHash() {}

  public static String of(String subjectKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest((PEPPER + subjectKey).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash of a subject-key column (null stays null). */
  public static Column column(Column subjectKey) {
    return sha2(concat(lit(PEPPER), subjectKey), 256);
  }

  public static Column customerKey(Column customerId) {
    return concat(lit(CUSTOMER_PREFIX), customerId);
  }

  public static Column profileKey(Column platform, Column profileId) {
    return concat(lit(PROFILE_PREFIX), platform, lit(":"), profileId);
  }
}

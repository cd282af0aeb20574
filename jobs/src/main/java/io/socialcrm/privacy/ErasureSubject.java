package io.socialcrm.privacy;

import io.socialcrm.common.Errors;
import io.socialcrm.contracts.Contract;

/**
 * The person an erasure is about: a CRM customer (by customer_id) or a social profile (platform and profile id).
 * {@link #key()} is the text that is hashed for the erasure register; the raw id is never stored.
 */
public record ErasureSubject(Kind kind, String platform, String id) {

  /** What kind of identifier names the person. */
  public enum Kind {
    CUSTOMER, PROFILE;

    public String label() {
      return name().toLowerCase();
    }
  }

  public static ErasureSubject customer(String customerId) {
    if (customerId == null || customerId.isBlank() || !customerId.equals(customerId.trim())) {
      throw Errors.badArgument("--customer", String.valueOf(customerId), "a customer_id such as C0000001");
    }
    return new ErasureSubject(Kind.CUSTOMER, null, customerId);
  }

  public static ErasureSubject profile(String platform, String profileId) {
    return new ErasureSubject(Kind.PROFILE, platform, profileId);
  }

  /** Parses {@code PLATFORM:ID} (e.g. {@code x:12345}, {@code linkedin:urn:li:person:abc}); the id may contain ':'. */
  public static ErasureSubject parseProfile(String spec) {
    int colon = spec == null ? -1 : spec.indexOf(':');
    String expected = "PLATFORM:ID with PLATFORM one of " + String.join(", ", Contract.PLATFORMS)
        + " (e.g. x:12345)";
    if (colon <= 0 || colon == spec.length() - 1) {
      throw Errors.badArgument("--profile", String.valueOf(spec), expected);
    }
    String platform = spec.substring(0, colon);
    String id = spec.substring(colon + 1);
    if (!Contract.PLATFORMS.contains(platform) || id.isBlank() || !id.equals(id.trim())) {
      throw Errors.badArgument("--profile", spec, expected);
    }
    return profile(platform, id);
  }

  /** {@code customer:<id>} or {@code profile:<platform>:<id>}: what {@link SubjectHash} hashes. */
  public String key() {
    return kind == Kind.CUSTOMER ? SubjectHash.CUSTOMER_PREFIX + id : SubjectHash.PROFILE_PREFIX + platform + ":" + id;
  }

  public String hash() {
    return SubjectHash.of(key());
  }

  /** How the command names the person back to the operator (who typed the id). */
  public String describe() {
    return kind == Kind.CUSTOMER ? "customer " + id : "profile " + platform + ":" + id;
  }
}

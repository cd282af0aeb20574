package io.socialcrm.common;

/**
 * Every error a user of socialcrm may see. Raised only through {@link Errors}, so each message is written once
 * and carries a stable, machine-readable {@link #code()}. The CLI prints {@link #getMessage()} as one line.
 */
public final class SocialCrmException extends RuntimeException {
  private final String code;

  SocialCrmException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

package io.socialcrm.orchestration.airflow;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The user and password {@code POST /auth/token} exchanges for a JWT. Serialised only as that request's body;
 * {@link #toString()} masks the password, so the record can be logged or shown in an error safely.
 */
public record AirflowCredentials(@JsonProperty("username") String username,
                                 @JsonProperty("password") String password) {

  public AirflowCredentials {
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** {@code text} with every occurrence of the password replaced by {@code ****}. */
  public String redact(String text) {
    if (text == null || password.isEmpty()) {
      return text;
    }
    return text.replace(password, "****");
  }

  @Override
  public String toString() {
    return "AirflowCredentials[username=" + username + ", password=" + (password.isEmpty() ? "" : "****") + "]";
  }
}

package io.socialcrm.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import javax.security.sasl.AuthenticationException;
import org.apache.hive.service.auth.PasswdAuthenticationProvider;

/**
 * The SQL endpoint's login check (HiveServer2 CUSTOM authentication): one user and password, set by
 * {@link #require} before the server starts. Only a salted SHA-256 of the password is kept, so it is not in the
 * session's settings (which a SQL user can list with SET) nor in a heap dump as text; the comparison takes the same
 * time however much of the password matches.
 */
public final class EndpointLogin implements PasswdAuthenticationProvider {
  private static final byte[] SALT = new byte[16];
  private static volatile String user;
  private static volatile byte[] digest;

  static {
    new SecureRandom().nextBytes(SALT);
  }

  /** Hive instantiates this class by reflection for each login. */
  public EndpointLogin() {}

  static void require(String expectedUser, String password) {
    user = expectedUser;
    digest = hash(password);
  }

  @Override
  public void Authenticate(String givenUser, String givenPassword) throws AuthenticationException {
    String u = user;
    byte[] d = digest;
    if (u == null || d == null) {
      throw new AuthenticationException("login is not configured");
    }
    boolean userOk = MessageDigest.isEqual(hash(givenUser == null ? "" : givenUser), hash(u));
    boolean passwordOk = MessageDigest.isEqual(hash(givenPassword == null ? "" : givenPassword), d);
    if (!userOk || !passwordOk) {
      throw new AuthenticationException("wrong user or password");
    }
  }

  private static byte[] hash(String s) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(SALT);
      return sha.digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

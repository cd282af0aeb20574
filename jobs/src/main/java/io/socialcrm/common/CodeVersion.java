package io.socialcrm.common;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A fingerprint of the code that runs: the SHA-256 of socialcrm's own classes and resources (names and bytes, in
 * name order), read from its jar or classes folder once per JVM. A step's result depends on it as much as on its
 * inputs, so what skips work that is already done (the load log, the step gates) keys on it: a new build recomputes on
 * its first run, the same sources built again do not (the compiler's output is the same bytes; jar timestamps are not
 * read).
 */
public final class CodeVersion {
  private static final List<String> OWN = List.of("io/socialcrm/", "schemas/", "report/");
  private static String fingerprint;

  private CodeVersion() {}

  public static synchronized String fingerprint() {
    if (fingerprint == null) {
      fingerprint = compute();
    }
    return fingerprint;
  }

  private static String compute() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      Path source = Path.of(CodeVersion.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(source)) {
        try (Stream<Path> files = Files.walk(source)) {
          for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
            String name = source.relativize(f).toString().replace('\\', '/');
            if (own(name)) {
              add(sha, name, Files.readAllBytes(f));
            }
          }
        }
      } else {
        try (ZipFile jar = new ZipFile(source.toFile())) {
          for (ZipEntry e : jar.stream().filter(e -> !e.isDirectory() && own(e.getName()))
              .sorted(Comparator.comparing(ZipEntry::getName)).toList()) {
            try (InputStream in = jar.getInputStream(e)) {
              add(sha, e.getName(), in.readAllBytes());
            }
          }
        }
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown"; // a code source that cannot be read: the skips then key on the inputs alone
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean own(String name) {
    return OWN.stream().anyMatch(name::startsWith);
  }

  private static void add(MessageDigest sha, String name, byte[] bytes) {
    sha.update(name.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(bytes);
  }
}

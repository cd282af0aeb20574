package io.socialcrm.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Temporary folders of the tests, removed with everything in them when the test JVM exits (lakes and landing folders
 * that several tests of a class share outlive each test, so JUnit's {@code @TempDir} does not fit them).
 */
public final class TempDirs {
  private static final List<Path> MADE = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TempDirs::removeAll, "socialcrm-test-tempdirs"));
  }

  private TempDirs() {}

  /** A new empty folder under the system's temporary folder, named {@code prefix} and a random suffix. */
  public static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      synchronized (MADE) {
        MADE.add(dir);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void removeAll() {
    synchronized (MADE) {
      MADE.forEach(TempDirs::remove);
      MADE.clear();
    }
  }

  /** Deletes the folder and everything in it; what cannot be deleted is left (the JVM is exiting). */
  static void remove(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // left behind
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // left behind
    }
  }
}

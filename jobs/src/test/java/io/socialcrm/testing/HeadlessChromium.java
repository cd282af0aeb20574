package io.socialcrm.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in headless Chromium and returns its DOM after the page's scripts ran. The browser is
 * {@code $SOCIALCRM_CHROMIUM}, else the first of chromium, chromium-browser, google-chrome on the PATH;
 * scripts/test.sh installs Debian's chromium when none is there.
 */
public final class HeadlessChromium {
  private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");

  private HeadlessChromium() {}

  public static String binary() {
    String configured = System.getenv("SOCIALCRM_CHROMIUM");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : NAMES) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    throw new IllegalStateException("these tests need headless Chromium: install it (apt-get install chromium; "
        + "scripts/test.sh does) or set SOCIALCRM_CHROMIUM to its path");
  }

  public static String dumpDom(Path page, Path profile) throws IOException, InterruptedException {
    Path err = Files.createTempFile("chromium", ".log");
    Path dom = Files.createTempFile("chromium", ".html");
    Process p = new ProcessBuilder(binary(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", page.toUri().toString())
        .redirectError(err.toFile()).redirectOutput(dom.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("chromium did not finish in 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("chromium exited " + p.exitValue() + ": " + Files.readString(err));
    }
    String out = Files.readString(dom, StandardCharsets.UTF_8);
    Files.deleteIfExists(err);
    Files.deleteIfExists(dom);
    return out;
  }
}

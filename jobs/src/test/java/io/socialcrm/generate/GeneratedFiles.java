package io.socialcrm.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** What tests do to a generated output directory as time passes. */
public final class GeneratedFiles {
  private GeneratedFiles() {}

  /**
   * Moves the late files of the given inputs (all inputs when none is named) from {@code out/late/} into
   * {@code out/landing/}, under the date folder they were meant for: they have arrived. Returns where they went.
   */
  public static List<Path> moveLateIntoLanding(Path out, String... inputs) {
    Path late = out.resolve("late");
    List<Path> moved = new ArrayList<>();
    if (!Files.isDirectory(late)) {
      return moved;
    }
    try (Stream<Path> files = Files.walk(late)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path relative = late.relativize(f);
        if (inputs.length > 0 && !List.of(inputs).contains(relative.getName(0).toString())) {
          continue;
        }
        Path to = out.resolve("landing").resolve(relative);
        Files.createDirectories(to.getParent());
        Files.move(f, to);
        moved.add(to);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return moved;
  }
}

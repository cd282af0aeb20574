package io.socialcrm.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The tests' temporary folders are made fresh and removed whole, nested files and folders included. */
class TempDirsTest {
  @Test
  void aFolderIsMadeEmptyAndRemovedWithEverythingInIt() throws IOException {
    Path dir = TempDirs.create("tempdirs-test");
    assertTrue(Files.isDirectory(dir));
    assertTrue(dir.getFileName().toString().startsWith("tempdirs-test"));
    try (var listing = Files.list(dir)) {
      assertFalse(listing.findAny().isPresent());
    }
    Files.createDirectories(dir.resolve("silver/t/_delta_log"));
    Files.writeString(dir.resolve("silver/t/_delta_log/00000000000000000000.json"), "{}");
    TempDirs.remove(dir);
    assertFalse(Files.exists(dir));
  }
}

package io.socialcrm.ingest;

import java.io.IOException;
import java.nio.file.Path;

/** Lets tests of other packages build the standard landing fixture. */
public final class LandingFixtureAccess {
  private LandingFixtureAccess() {}

  public static void standard(Path landing) throws IOException {
    LandingFixture.standard(landing);
  }
}

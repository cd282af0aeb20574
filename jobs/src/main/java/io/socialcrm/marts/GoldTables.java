package io.socialcrm.marts;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.DeclaredTables;
import io.socialcrm.lake.Layer;

/**
 * The gold marts, each declared once as data in {@code schemas/gold/<name>.json} (name, description, keys,
 * columns with types and meanings for BI users) and named here.
 */
public final class GoldTables {
  private GoldTables() {}

  /** Loads and checks the declaration {@code schemas/gold/<name>.json}. */
  public static DeclaredTable load(String name) {
    return DeclaredTables.load(Layer.GOLD, name);
  }
}

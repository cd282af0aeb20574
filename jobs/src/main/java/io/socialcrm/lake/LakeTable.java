package io.socialcrm.lake;

/** A Delta table of the lake: its layer and name give its path (and its SQL name, layer.name; see serve.LakeCatalog). */
public record LakeTable(Layer layer, String name) {
  public String path(String lakeRoot) {
    return Lake.join(lakeRoot, layer.folder(), name);
  }
}

package io.socialcrm.lake;

/** The lake's layers; each is a folder under the lake root and a database in the SQL catalog. */
public enum Layer {
  BRONZE("bronze"), SILVER("silver"), GOLD("gold"), QUARANTINE("quarantine");

  private final String folder;

  Layer(String folder) {
    this.folder = folder;
  }

  public String folder() {
    return folder;
  }
}

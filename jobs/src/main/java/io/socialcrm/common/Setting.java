package io.socialcrm.common;

/** Every setting socialcrm reads: its key in the config file, its environment variable and its default. */
public enum Setting {
  LAKE("lake", "SOCIALCRM_LAKE", "data/lake", "root of the Delta lake: a local path or a Hadoop URI (s3a://, abfss://, hdfs://)"),
  LANDING("landing", "SOCIALCRM_LANDING", "data/landing", "landing area: <landing>/<input>/<yyyy-mm-dd>/ files"),
  CRM_SOURCE("crm.source", "SOCIALCRM_CRM_SOURCE", "files", "where CRM tables come from: files (CSV/Parquet dumps in the landing area) or jdbc"),
  CRM_JDBC_URL("crm.jdbc.url", "SOCIALCRM_CRM_JDBC_URL", "", "JDBC URL of the CRM database, e.g. jdbc:postgresql://host:5432/crm"),
  CRM_JDBC_USER("crm.jdbc.user", "SOCIALCRM_CRM_JDBC_USER", "", "CRM database user"),
  CRM_JDBC_PASSWORD("crm.jdbc.password", "SOCIALCRM_CRM_JDBC_PASSWORD", "", "CRM database password (never printed)"),
  CRM_JDBC_SCHEMA("crm.jdbc.schema", "SOCIALCRM_CRM_JDBC_SCHEMA", "public", "schema holding the CRM tables");

  private final String key;
  private final String envVar;
  private final String defaultValue;
  private final String description;

  Setting(String key, String envVar, String defaultValue, String description) {
    this.key = key;
    this.envVar = envVar;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String key() {
    return key;
  }

  public String envVar() {
    return envVar;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  public boolean secret() {
    return this == CRM_JDBC_PASSWORD;
  }
}

package io.socialcrm.common;

/** Every setting socialcrm reads: its key in the config file, its environment variable and its default. */
public enum Setting {
  LAKE("lake", "SOCIALCRM_LAKE", "data/lake", "root of the Delta lake: a local path or a Hadoop URI (s3a://, abfss://, hdfs://)"),
  LANDING("landing", "SOCIALCRM_LANDING", "data/landing", "landing area: <landing>/<input>/<yyyy-mm-dd>/ files"),
  CRM_SOURCE("crm.source", "SOCIALCRM_CRM_SOURCE", "files", "where CRM tables come from: files (CSV/Parquet dumps in the landing area) or jdbc"),
  CRM_JDBC_URL("crm.jdbc.url", "SOCIALCRM_CRM_JDBC_URL", "", "JDBC URL of the CRM database, e.g. jdbc:postgresql://host:5432/crm"),
  CRM_JDBC_USER("crm.jdbc.user", "SOCIALCRM_CRM_JDBC_USER", "", "CRM database user"),
  CRM_JDBC_PASSWORD("crm.jdbc.password", "SOCIALCRM_CRM_JDBC_PASSWORD", "", "CRM database password (never printed)"),
  CRM_JDBC_SCHEMA("crm.jdbc.schema", "SOCIALCRM_CRM_JDBC_SCHEMA", "public", "schema holding the CRM tables"),
  // Marts (step marts): parameters of the definitions in DOMAIN.md, with its defaults.
  ATTRIBUTION_LOOKBACK_DAYS("marts.attribution.lookback.days", "SOCIALCRM_ATTRIBUTION_LOOKBACK_DAYS", "30", "attribution: touches at most this many days before a paid order count"),
  ATTRIBUTION_HALF_LIFE_DAYS("marts.attribution.half.life.days", "SOCIALCRM_ATTRIBUTION_HALF_LIFE_DAYS", "7", "time-decay attribution: a touch's weight halves every this many days before the order"),
  ATTRIBUTION_POSITION_FIRST("marts.attribution.position.first", "SOCIALCRM_ATTRIBUTION_POSITION_FIRST", "0.4", "position-based attribution: share of the first touch (the last gets the same; the middle shares the rest)"),
  FUNNEL_LOYAL_ORDERS("marts.funnel.loyal.orders", "SOCIALCRM_FUNNEL_LOYAL_ORDERS", "2", "funnel: paid orders within the loyalty window that make a customer loyal"),
  FUNNEL_LOYAL_WINDOW_DAYS("marts.funnel.loyal.window.days", "SOCIALCRM_FUNNEL_LOYAL_WINDOW_DAYS", "180", "funnel: the loyalty window in days"),
  CARE_HOURLY_COST("marts.care.hourly.cost", "SOCIALCRM_CARE_HOURLY_COST", "30", "care: staff cost per handling hour, in the reporting currency (cost per case = handling minutes / 60 x this)"),
  CARE_RESPONSE_TARGET_MINUTES("marts.care.response.target.minutes", "SOCIALCRM_CARE_RESPONSE_TARGET_MINUTES", "60", "care queue: minutes within which a mention needing an answer should get one"),
  ALERT_BASELINE_DAYS("marts.alerts.baseline.days", "SOCIALCRM_ALERT_BASELINE_DAYS", "7", "alerts: days of trailing baseline a day's mention volume is compared with"),
  ALERT_SPIKE_Z("marts.alerts.spike.z", "SOCIALCRM_ALERT_SPIKE_Z", "3", "alerts: a day is a spike when it is this many standard deviations above the baseline mean"),
  ALERT_MIN_MENTIONS("marts.alerts.min.mentions", "SOCIALCRM_ALERT_MIN_MENTIONS", "10", "alerts: days with fewer mentions than this never raise a spike"),
  INFLUENCE_DAMPING("marts.influence.damping", "SOCIALCRM_INFLUENCE_DAMPING", "0.85", "influence: PageRank damping factor over the mention/reply/repost graph"),
  INFLUENCE_ITERATIONS("marts.influence.iterations", "SOCIALCRM_INFLUENCE_ITERATIONS", "20", "influence: PageRank iterations"),
  INFLUENCE_EVERY_DAYS("marts.influence.every.days", "SOCIALCRM_INFLUENCE_EVERY_DAYS", "1", "influence: rebuild the influence mart (a PageRank over the whole graph) at most every this many days; between rebuilds the care queue ranks by the stored one (1 = every run with new data)"),
  SMALL_INPUT_MB("run.small.input.mb", "SOCIALCRM_SMALL_INPUT_MB", "64", "a step whose input (ingest: its landing files; the others: the tables they read and write) is less than this many MB runs with settings for small data: Spark's expressions interpreted instead of Java code generated and compiled for every query, each query planned once instead of adaptively stage by stage, one shuffle partition per core (on small data planning and compiling cost more than the rows); 0 = Spark's own settings always"),
  BACKFILL_BATCH_DAYS("backfill.batch.days", "SOCIALCRM_BACKFILL_BATCH_DAYS", "31", "backfill: most dates ingested in one pass (one run); a longer range is split into runs of this many dates"),
  // Identity (step identity).
  IDENTITY_REFIT("identity.refit", "SOCIALCRM_IDENTITY_REFIT", "false", "identity: true re-estimates the match model on this run (and re-scores every pair); false reuses the model fitted under the current match configuration and scores only the pairs of changed records"),
  // Airflow (socialcrm airflow ...): the Airflow 3 API server that schedules the nightly DAG.
  AIRFLOW_URL("airflow.url", "SOCIALCRM_AIRFLOW_URL", "http://localhost:8080", "Airflow 3 API server: base URL (the one serving /auth/token and /api/v2)"),
  AIRFLOW_USER("airflow.user", "SOCIALCRM_AIRFLOW_USER", "admin", "Airflow user the token is requested for"),
  AIRFLOW_PASSWORD("airflow.password", "SOCIALCRM_AIRFLOW_PASSWORD", "", "Airflow user's password (never printed; environment or config file only, never a flag)"),
  AIRFLOW_DAG("airflow.dag", "SOCIALCRM_AIRFLOW_DAG", "socialcrm_nightly", "Airflow DAG that runs the pipeline"),
  AIRFLOW_TIMEOUT_SECONDS("airflow.timeout.seconds", "SOCIALCRM_AIRFLOW_TIMEOUT_SECONDS", "30", "Airflow: seconds to wait for the answer to one API request before retrying it"),
  // Serving (command serve-sql): Spark's Thrift Server for BI tools over JDBC.
  SQL_HOST("serve.sql.host", "SOCIALCRM_SQL_HOST", "127.0.0.1", "serve-sql: address the JDBC endpoint binds to; anything but loopback needs serve.sql.user and serve.sql.password"),
  SQL_PORT("serve.sql.port", "SOCIALCRM_SQL_PORT", "10000", "serve-sql: port of the JDBC endpoint (HiveServer2 binary protocol)"),
  SQL_USER("serve.sql.user", "SOCIALCRM_SQL_USER", "", "serve-sql: the user BI tools log in as (empty: no login, loopback only)"),
  SQL_PASSWORD("serve.sql.password", "SOCIALCRM_SQL_PASSWORD", "", "serve-sql: that user's password (never printed; environment or config file only)"),
  METASTORE_JDBC_URL("serve.metastore.jdbc.url", "SOCIALCRM_METASTORE_JDBC_URL", "", "serve-sql: JDBC URL of an external Hive metastore database (PostgreSQL); empty: an embedded Derby metastore under <lake>/_metastore"),
  METASTORE_JDBC_USER("serve.metastore.jdbc.user", "SOCIALCRM_METASTORE_JDBC_USER", "", "serve-sql: user of the external metastore database"),
  METASTORE_JDBC_PASSWORD("serve.metastore.jdbc.password", "SOCIALCRM_METASTORE_JDBC_PASSWORD", "", "serve-sql: password of the external metastore database (never printed)"),
  // Maintenance (command maintain).
  VACUUM_RETAIN_HOURS("maintenance.vacuum.retain.hours", "SOCIALCRM_VACUUM_RETAIN_HOURS", "168", "maintain: VACUUM keeps the files of table versions younger than this many hours (time travel, readers still running, change feeds not yet read); at least 168 unless Delta's retention check is turned off");

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
    return this == CRM_JDBC_PASSWORD || this == AIRFLOW_PASSWORD || this == SQL_PASSWORD || this == METASTORE_JDBC_PASSWORD;
  }
}

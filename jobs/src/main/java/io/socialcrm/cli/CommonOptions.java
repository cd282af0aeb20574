package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SparkSessions;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Option;

/** Options every command that touches the lake shares; they are the "flag" level of settings resolution. */
final class CommonOptions {
  @Option(names = "--lake", paramLabel = "DIR", description = "Lake root (env SOCIALCRM_LAKE; default data/lake).")
  String lake;

  @Option(names = "--landing", paramLabel = "DIR", description = "Landing area (env SOCIALCRM_LANDING; default data/landing).")
  String landing;

  @Option(names = "--config", paramLabel = "FILE", description = "Config file (env SOCIALCRM_CONFIG; default ./socialcrm.properties if present).")
  String config;

  @Option(names = "--crm-source", paramLabel = "files|jdbc", description = "Where CRM tables come from (env SOCIALCRM_CRM_SOURCE; default files).")
  String crmSource;

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces and Spark warnings.")
  boolean verbose;

  Settings settings() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    put(flags, Setting.LAKE, lake);
    put(flags, Setting.LANDING, landing);
    put(flags, Setting.CRM_SOURCE, crmSource);
    return Settings.resolve(flags, config);
  }

  SparkSession spark() {
    SparkSession spark = SparkSessions.getOrCreate("socialcrm");
    if (!verbose) {
      spark.sparkContext().setLogLevel("ERROR");
    }
    return spark;
  }

  private static void put(Map<Setting, String> flags, Setting s, String v) {
    if (v != null) {
      flags.put(s, v);
    }
  }
}

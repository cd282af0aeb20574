package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.orchestration.airflow.AirflowClient;
import io.socialcrm.orchestration.airflow.AirflowConnection;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Options of the {@code airflow} commands; they are the "flag" level of settings resolution. The password has
 * no flag on purpose (a flag shows in {@code ps}): it comes from SOCIALCRM_AIRFLOW_PASSWORD or the config file.
 */
final class AirflowOptions {
  @Option(names = "--airflow-url", paramLabel = "URL",
      description = "Airflow 3 API server (env SOCIALCRM_AIRFLOW_URL; default http://localhost:8080).")
  String url;

  @Option(names = "--airflow-user", paramLabel = "USER",
      description = "Airflow user (env SOCIALCRM_AIRFLOW_USER; default admin). The password comes from "
          + "SOCIALCRM_AIRFLOW_PASSWORD or airflow.password in the config file.")
  String user;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Config file (env SOCIALCRM_CONFIG; default ./socialcrm.properties if present).")
  String config;

  @Option(names = {"-v", "--verbose"}, description = "Show stack traces.")
  boolean verbose;

  Settings settings() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    if (url != null) {
      flags.put(Setting.AIRFLOW_URL, url);
    }
    if (user != null) {
      flags.put(Setting.AIRFLOW_USER, user);
    }
    return Settings.resolve(flags, config);
  }

  AirflowClient client() {
    return new AirflowClient(AirflowConnection.from(settings()));
  }
}

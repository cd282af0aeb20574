package io.socialcrm.orchestration.airflow;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the Airflow 3 API server is, who talks to it, which DAG the client drives, and how long one request may
 * take: {@code connectTimeout} to open the connection, {@code readTimeout} for the answer.
 */
public record AirflowConnection(URI baseUrl, AirflowCredentials credentials, String dagId, Duration connectTimeout,
                                Duration readTimeout) {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  public AirflowConnection {
    String url = baseUrl.toString();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    baseUrl = URI.create(url);
  }

  /** The connection the settings describe ({@code airflow.url}, {@code airflow.user}, ...). */
  public static AirflowConnection from(Settings settings) {
    String url = settings.get(Setting.AIRFLOW_URL);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw settings.invalid(Setting.AIRFLOW_URL, "an http(s) URL such as http://localhost:8080");
    }
    if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
      throw settings.invalid(Setting.AIRFLOW_URL, "an http(s) URL such as http://localhost:8080");
    }
    long timeout = settings.getLong(Setting.AIRFLOW_TIMEOUT_SECONDS, 1, Long.MAX_VALUE, "seconds");
    String dag = settings.get(Setting.AIRFLOW_DAG);
    if (dag.isBlank()) {
      throw settings.invalid(Setting.AIRFLOW_DAG, "a DAG id");
    }
    return new AirflowConnection(uri,
        new AirflowCredentials(settings.get(Setting.AIRFLOW_USER), settings.get(Setting.AIRFLOW_PASSWORD)),
        dag.trim(), DEFAULT_CONNECT_TIMEOUT, Duration.ofSeconds(timeout));
  }
}

package io.socialcrm.orchestration.airflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.testing.TempDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The airflow.* settings: their defaults, the usual resolution order, a masked password, bad values refused. */
class AirflowConnectionTest {

  @Test
  void defaults() {
    AirflowConnection c = AirflowConnection.from(Settings.defaults());
    assertEquals(URI.create("http://localhost:8080"), c.baseUrl());
    assertEquals("admin", c.credentials().username());
    assertEquals("", c.credentials().password());
    assertEquals("socialcrm_nightly", c.dagId());
    assertEquals(Duration.ofSeconds(30), c.readTimeout());
    assertEquals(AirflowConnection.DEFAULT_CONNECT_TIMEOUT, c.connectTimeout());
  }

  @Test
  void flagThenEnvironmentThenFileAndThePasswordIsNeverShown() throws IOException {
    Path dir = TempDirs.create("airflow-settings");
    Files.writeString(dir.resolve("socialcrm.properties"),
        "airflow.password=file-pw\nairflow.dag=other_dag\nairflow.timeout.seconds=7\nairflow.user=file-user\n");
    Map<String, String> env = Map.of("SOCIALCRM_AIRFLOW_USER", "env-user", "SOCIALCRM_AIRFLOW_URL", "http://env:1");
    Settings s = Settings.resolve(Map.of(Setting.AIRFLOW_URL, "https://flag:8443/airflow/"), null, env, dir);
    AirflowConnection c = AirflowConnection.from(s);
    assertEquals(URI.create("https://flag:8443/airflow"), c.baseUrl());
    assertEquals("env-user", c.credentials().username());
    assertEquals("file-pw", c.credentials().password());
    assertEquals("other_dag", c.dagId());
    assertEquals(Duration.ofSeconds(7), c.readTimeout());
    assertTrue(Setting.AIRFLOW_PASSWORD.secret());
    assertEquals("**** (config_file)", s.describe().get("airflow.password"));
    assertFalse(c.toString().contains("file-pw"), c.toString());
  }

  @Test
  void aBadUrlOrTimeoutIsABadSetting() {
    SocialCrmException url = assertThrows(SocialCrmException.class,
        () -> AirflowConnection.from(Settings.defaults().with(Setting.AIRFLOW_URL, "localhost:8080")));
    assertEquals("bad_setting", url.code());
    assertTrue(url.getMessage().contains("airflow.url='localhost:8080'"), url.getMessage());
    SocialCrmException timeout = assertThrows(SocialCrmException.class,
        () -> AirflowConnection.from(Settings.defaults().with(Setting.AIRFLOW_TIMEOUT_SECONDS, "0")));
    assertEquals("bad_setting", timeout.code());
  }
}

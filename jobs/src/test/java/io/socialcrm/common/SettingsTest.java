package io.socialcrm.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.testing.TempDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings resolve in one order: flag, environment, config file, default. */
class SettingsTest {

  @Test
  void flagThenEnvironmentThenFileThenDefault() throws IOException {
    Path dir = TempDirs.create("settings");
    Files.writeString(dir.resolve("socialcrm.properties"), "lake=/from/file\nlanding=/landing/file\ncrm.source=jdbc\n");
    Map<String, String> env = Map.of("SOCIALCRM_LAKE", "/from/env", "SOCIALCRM_LANDING", "/landing/env");
    Settings s = Settings.resolve(Map.of(Setting.LAKE, "/from/flag"), null, env, dir);
    assertEquals("/from/flag", s.get(Setting.LAKE));
    assertEquals(Settings.Origin.FLAG, s.origin(Setting.LAKE));
    assertEquals("/landing/env", s.get(Setting.LANDING));
    assertEquals(Settings.Origin.ENVIRONMENT, s.origin(Setting.LANDING));
    assertEquals("jdbc", s.get(Setting.CRM_SOURCE));
    assertEquals(Settings.Origin.CONFIG_FILE, s.origin(Setting.CRM_SOURCE));
    assertEquals("public", s.get(Setting.CRM_JDBC_SCHEMA));
    assertEquals(Settings.Origin.DEFAULT, s.origin(Setting.CRM_JDBC_SCHEMA));
  }

  @Test
  void configFileFromFlagOrEnvironmentMustExistAndKnowItsKeys() throws IOException {
    Path dir = TempDirs.create("settings");
    Files.writeString(dir.resolve("other.properties"), "crm.jdbc.password=secret\n");
    Settings s = Settings.resolve(Map.of(), null, Map.of("SOCIALCRM_CONFIG", "other.properties"), dir);
    assertEquals("secret", s.get(Setting.CRM_JDBC_PASSWORD));
    assertEquals("**** (config_file)", s.describe().get("crm.jdbc.password"), "secrets are never shown");
    SocialCrmException missing = assertThrows(SocialCrmException.class,
        () -> Settings.resolve(Map.of(), "nope.properties", Map.of(), dir));
    assertEquals("unreadable_config", missing.code());
    Files.writeString(dir.resolve("typo.properties"), "lak=/x\n");
    SocialCrmException typo = assertThrows(SocialCrmException.class,
        () -> Settings.resolve(Map.of(), "typo.properties", Map.of(), dir));
    assertEquals("bad_setting", typo.code());
  }
}

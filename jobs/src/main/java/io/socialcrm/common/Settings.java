package io.socialcrm.common;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Resolves every {@link Setting} in one order: command-line flag, then environment variable, then config file,
 * then default. The config file is {@code --config FILE}, else {@code $SOCIALCRM_CONFIG}, else
 * {@code ./socialcrm.properties} when it exists; it is a Java properties file keyed by {@link Setting#key()}.
 */
public final class Settings {
  public static final String CONFIG_ENV = "SOCIALCRM_CONFIG";
  public static final String DEFAULT_CONFIG_FILE = "socialcrm.properties";

  /** Where a resolved value came from. */
  public enum Origin { FLAG, ENVIRONMENT, CONFIG_FILE, DEFAULT }

  public record Value(String value, Origin origin) {}

  private final Map<Setting, Value> values;

  private Settings(Map<Setting, Value> values) {
    this.values = values;
  }

  public static Settings resolve(Map<Setting, String> flags, String configFlag) {
    return resolve(flags, configFlag, System.getenv(), Path.of(""));
  }

  /** Resolution with an explicit environment and working directory, for tests. */
  public static Settings resolve(Map<Setting, String> flags, String configFlag, Map<String, String> env, Path cwd) {
    Properties file = readConfig(configFlag, env, cwd);
    Map<Setting, Value> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String flag = flags.get(s);
      String fromEnv = env.get(s.envVar());
      String fromFile = file.getProperty(s.key());
      if (flag != null) {
        values.put(s, new Value(flag, Origin.FLAG));
      } else if (fromEnv != null && !fromEnv.isEmpty()) {
        values.put(s, new Value(fromEnv, Origin.ENVIRONMENT));
      } else if (fromFile != null) {
        values.put(s, new Value(fromFile.trim(), Origin.CONFIG_FILE));
      } else {
        values.put(s, new Value(s.defaultValue(), Origin.DEFAULT));
      }
    }
    return new Settings(values);
  }

  public static Settings defaults() {
    return resolve(Map.of(), null, Map.of(), Path.of(""));
  }

  /** A copy with some values replaced as if given as flags (for jobs started from code). */
  public Settings with(Setting setting, String value) {
    Map<Setting, Value> copy = new EnumMap<>(values);
    copy.put(setting, new Value(value, Origin.FLAG));
    return new Settings(copy);
  }

  public String get(Setting s) {
    return values.get(s).value();
  }

  /**
   * The value of {@code s} as a whole number from {@code min} to {@code max}; anything else is a one-line bad
   * setting error naming where the value came from and what is expected ({@code unit}: e.g. "hours", may be empty).
   */
  public long getLong(Setting s, long min, long max, String unit) {
    String v = get(s).trim();
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    String range = max == Long.MAX_VALUE ? ">= " + min : "from " + min + " to " + max;
    throw invalid(s, "a whole number " + range + (unit == null || unit.isEmpty() ? "" : " (" + unit + ")"));
  }

  /**
   * The one-line error for a setting whose value is not what {@code expected} describes: its key, its value and
   * where the value came from (flag, environment, config file, default).
   */
  public SocialCrmException invalid(Setting s, String expected) {
    return Errors.badSetting(s.key(), get(s).trim(), origin(s).name().toLowerCase(Locale.ROOT), expected);
  }

  public Origin origin(Setting s) {
    return values.get(s).origin();
  }

  /** For display: every setting with its origin, secrets masked. */
  public Map<String, String> describe() {
    Map<String, String> out = new HashMap<>();
    values.forEach((s, v) -> out.put(s.key(),
        (s.secret() && !v.value().isEmpty() ? "****" : v.value()) + " (" + v.origin().name().toLowerCase() + ")"));
    return out;
  }

  private static Properties readConfig(String configFlag, Map<String, String> env, Path cwd) {
    Path file;
    boolean required;
    if (configFlag != null) {
      file = cwd.resolve(configFlag);
      required = true;
    } else if (env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isEmpty()) {
      file = cwd.resolve(env.get(CONFIG_ENV));
      required = true;
    } else {
      file = cwd.resolve(DEFAULT_CONFIG_FILE);
      required = false;
    }
    Properties props = new Properties();
    if (!Files.isRegularFile(file)) {
      if (required) {
        throw Errors.unreadableConfig(file.toString(), new IOException("no such file"));
      }
      return props;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(r);
    } catch (IOException e) {
      throw Errors.unreadableConfig(file.toString(), e);
    }
    for (String key : props.stringPropertyNames()) {
      boolean known = false;
      for (Setting s : Setting.values()) {
        known |= s.key().equals(key);
      }
      if (!known) {
        throw Errors.badSetting(key, props.getProperty(key), file.toString(), "a known key (" + knownKeys() + ")");
      }
    }
    return props;
  }

  private static String knownKeys() {
    StringBuilder sb = new StringBuilder();
    for (Setting s : Setting.values()) {
      sb.append(sb.length() == 0 ? "" : ", ").append(s.key());
    }
    return sb.toString();
  }
}

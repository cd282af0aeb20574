package io.socialcrm.serve;

import io.socialcrm.common.Errors;
import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.common.SparkSessions;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.Layer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.thriftserver.HiveThriftServer2;

/**
 * The lake as a SQL endpoint for BI tools: Spark's Thrift Server (HiveServer2 protocol) over a Hive metastore
 * that holds every bronze, silver and gold table, read-only ({@link ReadOnlySql}), with a login unless it listens
 * on loopback only ({@link EndpointLogin}). BI tools connect with {@code jdbc:hive2://HOST:PORT/gold}.
 */
public final class SqlEndpoint {
  /** The databases BI users see. */
  public static final List<Layer> LAYERS = List.of(Layer.BRONZE, Layer.SILVER, Layer.GOLD);
  static final String METASTORE_FOLDER = "_metastore";

  private SqlEndpoint() {}

  /** Where the endpoint listens and who may log in (user empty: nobody needs to, loopback only). */
  public record Listen(String host, int port, String user, String password) {
    /** From the settings; refuses a non-loopback address without a login, and a user without a password. */
    public static Listen from(Settings s) {
      return new Listen(s.get(Setting.SQL_HOST), (int) s.getLong(Setting.SQL_PORT, 1, 65535, "port"),
          s.get(Setting.SQL_USER), s.get(Setting.SQL_PASSWORD)).checked();
    }

    Listen checked() {
      if (!login() && !isLoopback(host) || login() && (user.isBlank() || password.isEmpty())) {
        throw Errors.endpointNeedsPassword(host);
      }
      return this;
    }

    boolean login() {
      return !user.isBlank() || !password.isEmpty();
    }

    /** A port nothing on this machine listens on now, for an endpoint started next (benchmark sql, tests). */
    public static int freePort() {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw Errors.io("cannot find a free port", e);
      }
    }
  }

  /**
   * The Spark settings the serving session is created with: the Hive catalog on the embedded Derby metastore
   * under {@code <lake>/_metastore} or on the external metastore database, the read-only guard, and no SQL over
   * raw file paths; where the Thrift Server listens and how it logs users in. The metastore database's password is passed as a JVM system property, which Hive reads and a
   * SQL user's SET does not list.
   */
  public static Map<String, String> sessionSettings(Settings s, Listen listen) {
    String lake = Lake.qualify(s.get(Setting.LAKE));
    String localLake = Lake.localPath(lake);
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.sql.catalogImplementation", "hive");
    conf.put("spark.sql.extensions", String.join(",", "io.delta.sql.DeltaSparkSessionExtension",
        ReadOnlySql.class.getName(), HiveShowTables.class.getName()));
    conf.put("spark.sql.runSQLOnFiles", "false");
    conf.put("spark.sql.warehouse.dir", Lake.join(lake, METASTORE_FOLDER, "warehouse"));
    // The Thrift Server reads its own settings from the Hadoop configuration.
    conf.put("spark.hadoop.hive.server2.thrift.bind.host", listen.host());
    conf.put("spark.hadoop.hive.server2.thrift.port", String.valueOf(listen.port()));
    conf.put("spark.hadoop.hive.server2.transport.mode", "binary");
    conf.put("spark.hadoop.hive.server2.enable.doAs", "false");
    conf.put("spark.hadoop.hive.server2.authentication", listen.login() ? "CUSTOM" : "NONE");
    if (listen.login()) {
      conf.put("spark.hadoop.hive.server2.custom.authentication.class", EndpointLogin.class.getName());
    }
    String url = s.get(Setting.METASTORE_JDBC_URL);
    if (url.isBlank()) {
      if (localLake == null) {
        throw Errors.metastoreNeeded(lake);
      }
      String dir = Lake.join(localLake, METASTORE_FOLDER);
      conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true");
      try {
        Files.createDirectories(Path.of(dir));
      } catch (IOException e) {
        throw Errors.unreadableLake(lake, e);
      }
      System.setProperty("derby.stream.error.file", dir + "/derby.log");
    } else {
      conf.put("spark.hadoop.javax.jdo.option.ConnectionURL", url);
      conf.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", metastoreDriver(s));
      conf.put("spark.hadoop.javax.jdo.option.ConnectionUserName", s.get(Setting.METASTORE_JDBC_USER));
      System.setProperty("javax.jdo.option.ConnectionPassword", s.get(Setting.METASTORE_JDBC_PASSWORD));
      // serve() has made Hive's tables before Spark starts (MetastoreSchema): Hive's own lazy creation hangs
      // on PostgreSQL.
      conf.put("spark.hadoop.datanucleus.schema.autoCreateAll", "false");
      conf.put("spark.hadoop.hive.metastore.schema.verification", "false");
    }
    return conf;
  }

  /** The JDBC driver of an external metastore database: PostgreSQL's, or the one its URL names. */
  static String metastoreDriver(Settings s) {
    String url = s.get(Setting.METASTORE_JDBC_URL);
    if (url.startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    if (url.startsWith("jdbc:derby:")) {
      return "org.apache.derby.jdbc.EmbeddedDriver";
    }
    throw s.invalid(Setting.METASTORE_JDBC_URL, "a jdbc:postgresql:// URL");
  }

  /**
   * A started endpoint: its session, the lake it serves, where it listens, the SQL names it serves and which
   * metastore holds them.
   */
  public record Serving(SparkSession spark, Lake lake, Listen listen, List<String> tables, String catalog) {}

  /**
   * Everything {@code serve-sql} and {@code benchmark sql} do to start: checks where to listen (before any Spark
   * starts), creates the serving session, checks the lake exists and {@link #start}s the server.
   */
  public static Serving serve(Settings s, String appName, boolean quiet) {
    Listen listen = Listen.from(s);
    String metastore = s.get(Setting.METASTORE_JDBC_URL);
    String catalog = "embedded metastore under " + Lake.join(Lake.qualify(s.get(Setting.LAKE)), METASTORE_FOLDER);
    if (!metastore.isBlank()) {
      boolean created = MetastoreSchema.ensure(metastore, metastoreDriver(s), s.get(Setting.METASTORE_JDBC_USER),
          s.get(Setting.METASTORE_JDBC_PASSWORD));
      catalog = "metastore " + MetastoreSchema.shown(metastore) + (created ? " (Hive's metastore tables created in it now)" : "");
    }
    SparkSession spark = SparkSessions.getOrCreate(appName, sessionSettings(s, listen));
    if (quiet) {
      spark.sparkContext().setLogLevel("ERROR");
    }
    Lake lake = new Lake(spark, s.get(Setting.LAKE));
    lake.requireExisting();
    return new Serving(spark, lake, listen, start(spark, lake, listen), catalog);
  }

  /**
   * Registers the lake's tables in the metastore, makes the session read-only and starts the Thrift Server.
   * Returns the SQL names registered; the server runs until the JVM stops.
   */
  public static List<String> start(SparkSession spark, Lake lake, Listen listen) {
    listen.checked();
    List<String> tables = LakeCatalog.register(spark, lake, LAYERS, false);
    ReadOnlySql.enable();
    if (listen.login()) {
      EndpointLogin.require(listen.user(), listen.password());
      // Hive's login check builds a fresh HiveConf, which reads system properties, not the session's settings.
      System.setProperty("hive.server2.authentication", "CUSTOM");
      System.setProperty("hive.server2.custom.authentication.class", EndpointLogin.class.getName());
    }
    try {
      HiveThriftServer2.startWithContext(spark.sqlContext());
    } catch (RuntimeException e) {
      throw Errors.endpointFailed(listen.host(), listen.port(), e);
    }
    // The probe connects without a handshake, which the Thrift server logs as an error with a stack trace.
    String thrift = "org.apache.thrift.server.TThreadPoolServer";
    Level level = LogManager.getLogger(thrift).getLevel();
    Configurator.setLevel(thrift, Level.OFF);
    try {
      awaitListening(listen, Duration.ofSeconds(120));
      Thread.sleep(500);   // the server reads the probe's closed socket on a worker thread
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      Configurator.setLevel(thrift, level);
    }
    return tables;
  }

  /** The Thrift service binds its socket on a thread of its own: waits until it accepts connections. */
  static void awaitListening(Listen listen, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (Socket probe = new Socket()) {
        String host = listen.host().equals("0.0.0.0") || listen.host().equals("::") ? "127.0.0.1" : listen.host();
        probe.connect(new InetSocketAddress(host, listen.port()), 1000);
        return;
      } catch (IOException e) {
        last = e;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw Errors.endpointFailed(listen.host(), listen.port(), e);
      }
    }
    throw Errors.endpointFailed(listen.host(), listen.port(),
        new IOException("nothing listens there " + timeout.toSeconds() + " s after the start", last));
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress a : InetAddress.getAllByName(host)) {
        if (!a.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}

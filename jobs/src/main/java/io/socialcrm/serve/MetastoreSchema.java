package io.socialcrm.serve;

import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jdo.JDOHelper;
import javax.jdo.PersistenceManagerFactory;
import org.apache.hadoop.hive.metastore.ObjectStore;
import org.datanucleus.api.jdo.JDOPersistenceManagerFactory;
import org.datanucleus.store.schema.SchemaAwareStoreManager;

/**
 * Hive's metastore tables in an external database (PostgreSQL), created all at once before the first Hive client
 * opens it. Hive left to itself creates them lazily, table by table, while its first query runs: on PostgreSQL
 * that hangs, because the foreign key it adds from a second connection waits for the lock its own open transaction
 * holds. Made here in one pass from Hive's own mapping ({@code package.jdo} in hive-metastore), on a connection
 * nothing else uses, the tables are the ones Hive's ORM expects; a database that already has them (made by an
 * earlier start, or by Hive's schematool) is left as it is.
 */
public final class MetastoreSchema {
  /** The mapping that ships inside the hive-metastore jar Spark's Hive client uses. */
  private static final String MAPPING = "package.jdo";
  private static final String MODEL_PACKAGE = "org.apache.hadoop.hive.metastore.model.";
  private static final Pattern CLASS = Pattern.compile("<class\\s+name=\"([A-Za-z0-9_$]+)\"");
  /** The class loader of Hive's metastore: its mapping and model classes. */
  private static final ClassLoader HIVE = ObjectStore.class.getClassLoader();

  private MetastoreSchema() {}

  /** A metastore URL as printed: without its query part, where a password may be. */
  public static String shown(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?…";
  }

  /** Whether the database already holds Hive's metastore (its databases and tables tables). */
  public static boolean exists(String url, String user, String password) {
    try (Connection c = DriverManager.getConnection(url, user, password)) {
      DatabaseMetaData md = c.getMetaData();
      return hasTable(md, "DBS") && hasTable(md, "TBLS");
    } catch (SQLException e) {
      throw Errors.metastoreUnreachable(shown(url), e);
    }
  }

  private static boolean hasTable(DatabaseMetaData md, String name) throws SQLException {
    for (String candidate : new String[] {name, name.toLowerCase(Locale.ROOT)}) {
      try (ResultSet rs = md.getTables(null, null, candidate, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }

  /** The persistent classes of Hive's metastore mapping, fully named. */
  static Set<String> modelClasses() {
    try (InputStream in = HIVE.getResourceAsStream(MAPPING)) {
      if (in == null) {
        throw new IllegalStateException(MAPPING + " is not on the class path (hive-metastore)");
      }
      Matcher m = CLASS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Set<String> out = new TreeSet<>();
      while (m.find()) {
        out.add(MODEL_PACKAGE + m.group(1));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + MAPPING, e);
    }
  }

  /**
   * Creates Hive's metastore tables unless the database holds them already. Returns whether it created them.
   * The DataNucleus settings are the ones Hive's ObjectStore opens the database with, so the names and
   * identity columns match what it reads later.
   */
  public static boolean ensure(String url, String driver, String user, String password) {
    if (exists(url, user, password)) {
      return false;
    }
    Map<String, Object> p = new HashMap<>();
    p.put("javax.jdo.PersistenceManagerFactoryClass", JDOPersistenceManagerFactory.class.getName());
    p.put("javax.jdo.option.ConnectionURL", url);
    p.put("javax.jdo.option.ConnectionDriverName", driver);
    p.put("javax.jdo.option.ConnectionUserName", user);
    p.put("javax.jdo.option.ConnectionPassword", password);
    p.putAll(Map.of(
        "datanucleus.schema.autoCreateAll", "true",
        "datanucleus.schema.validateTables", "false",
        "datanucleus.schema.validateConstraints", "false",
        "datanucleus.identifierFactory", "datanucleus1",
        "datanucleus.rdbms.useLegacyNativeValueStrategy", "true",
        "datanucleus.storeManagerType", "rdbms",
        "datanucleus.connectionPoolingType", "None",
        "datanucleus.transactionIsolation", "read-committed",
        "datanucleus.cache.level2", "false",
        "datanucleus.plugin.pluginRegistryBundleCheck", "LOG"));
    PersistenceManagerFactory pmf = JDOHelper.getPersistenceManagerFactory(p, HIVE);
    try {
      SchemaAwareStoreManager store =
          (SchemaAwareStoreManager) ((JDOPersistenceManagerFactory) pmf).getNucleusContext().getStoreManager();
      store.createSchemaForClasses(modelClasses(), new Properties());
      return true;
    } catch (RuntimeException e) {
      throw Errors.metastoreUnreachable(shown(url), e);
    } finally {
      pmf.close();
    }
  }
}

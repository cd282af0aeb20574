package io.socialcrm.cli;

import io.socialcrm.common.Setting;
import io.socialcrm.common.Settings;
import io.socialcrm.serve.SqlEndpoint;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code socialcrm serve-sql}: the lake's tables for BI tools over JDBC, until stopped. */
@Command(name = "serve-sql", mixinStandardHelpOptions = true,
    description = "Serve the lake's bronze, silver and gold tables over JDBC/ODBC (Spark Thrift Server, HiveServer2 "
        + "protocol), read-only, until stopped (Ctrl-C or SIGTERM). Connect with jdbc:hive2://HOST:PORT/gold. The "
        + "tables are registered in a Hive metastore: embedded under <lake>/_metastore, or the external one of "
        + "serve.metastore.jdbc.url. Bound to anything but loopback it needs serve.sql.user and serve.sql.password.")
final class ServeSqlCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Option(names = "--port", paramLabel = "PORT", description = "Port (env SOCIALCRM_SQL_PORT; default 10000).")
  String port;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to bind (env SOCIALCRM_SQL_HOST; default 127.0.0.1).")
  String host;

  @Override
  public Integer call() throws InterruptedException {
    Settings settings = common.settings();
    if (port != null) {
      settings = settings.with(Setting.SQL_PORT, port);
    }
    if (host != null) {
      settings = settings.with(Setting.SQL_HOST, host);
    }
    SqlEndpoint.Serving serving = SqlEndpoint.serve(settings, "socialcrm-serve-sql", !common.verbose);
    System.out.printf("serving %d tables of %s read-only at jdbc:hive2://%s:%d/gold%s%n", serving.tables().size(),
        serving.lake().root(), serving.listen().host(), serving.listen().port(), settings.get(Setting.SQL_USER).isBlank() ? " (no login: loopback only)"
            : " (user " + settings.get(Setting.SQL_USER) + ")");
    System.out.println("catalog: " + serving.catalog());
    System.out.println("ready");
    System.out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
    stopped.await();
    return 0;
  }
}

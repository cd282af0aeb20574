package io.socialcrm.testing;

import io.socialcrm.serve.SqlEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * {@code socialcrm serve-sql} in a JVM of its own (it needs the Hive catalog, which the tests' shared session does
 * not have), on a free loopback port, started and waited for until it prints "ready".
 */
public record ServeSqlProcess(Process process, Path logFile, int port) implements AutoCloseable {

  /** Starts the endpoint over {@code lake} with these environment variables and waits until it is ready. */
  public static ServeSqlProcess start(Path lake, Path logDir, Map<String, String> env) throws Exception {
    int port = SqlEndpoint.Listen.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String opens : System.getProperty("socialcrm.test.opens", "").split(" ")) {
      if (!opens.isBlank()) {
        cmd.add(opens);
      }
    }
    cmd.addAll(List.of("-Xmx1g", "-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"),
        "io.socialcrm.cli.SocialCrmCli", "serve-sql", "--lake", lake.toString(), "--port", String.valueOf(port)));
    Files.createDirectories(logDir);
    Path log = Files.createTempFile(logDir, "serve-sql", ".txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    ServeSqlProcess server = new ServeSqlProcess(pb.start(), log, port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
    while (System.nanoTime() < deadline && server.process.isAlive() && !server.log().contains("\nready")) {
      Thread.sleep(200);
    }
    if (!(server.process.isAlive() && server.log().contains("\nready"))) {
      String out = server.log();
      server.close();
      Assertions.fail("the endpoint did not start:\n" + out);
    }
    return server;
  }

  /** The URL a BI tool connects with, to the gold database. */
  public String url() {
    return "jdbc:hive2://127.0.0.1:" + port + "/gold";
  }

  /** What the endpoint printed so far. */
  public String log() throws IOException {
    return Files.exists(logFile) ? Files.readString(logFile) : "";
  }

  /** Stops the endpoint as a terminal's Ctrl-C would, and waits for it to end. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}

package io.socialcrm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.socialcrm.cli.SocialCrmCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Assertions;

/** Runs the {@code socialcrm} CLI in-process, capturing what a user would see, for the CLI tests. */
public final class CliRunner {

  /** Exit code, standard output and standard error of one command. */
  public record Result(int code, String out, String err) {}

  private CliRunner() {
  }

  public static synchronized Result cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = SocialCrmCli.execute(args);
      return new Result(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** The command failed with {@code code} and printed one {@code error: } line containing {@code contains}. */
  public static void assertOneLineError(Result r, int code, String contains) {
    assertEquals(code, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("try '")).toList();
    assertEquals(1, lines.size(), "one line, no stack trace: " + r.err());
    Assertions.assertTrue(lines.get(0).startsWith("error: ") && lines.get(0).contains(contains), lines.get(0));
  }
}

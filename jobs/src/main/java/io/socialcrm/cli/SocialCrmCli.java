package io.socialcrm.cli;

import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import java.io.PrintWriter;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code socialcrm} command. Every failure a user can cause ends as one line on stderr and a non-zero exit
 * (2 for bad arguments, 1 for everything else); {@code --verbose} adds the stack trace.
 */
@Command(name = "socialcrm", mixinStandardHelpOptions = true, version = "socialcrm 0.1.0",
    description = "Social CRM lakehouse: joins social media exports with CRM tables in a Delta Lake.",
    subcommands = {GenerateCommand.class, RunCommand.class, BackfillCommand.class, SqlCommand.class,
        DemoCommand.class, BenchmarkCommand.class, IdentityCommand.class, LinkCommand.class, EraseCommand.class,
        MaintainCommand.class, AirflowCommand.class, ServeSqlCommand.class,
        CommandLine.HelpCommand.class})
public final class SocialCrmCli implements Runnable {
  /** Errors that mean "the command line is wrong": exit code 2, like picocli's own parameter errors. */
  static final Set<String> BAD_ARGUMENT_CODES = Set.of("bad_argument", "unknown_step");

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (tests call this instead of main). */
  public static int execute(String... args) {
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SocialCrmCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler((ex, args) -> {
      PrintWriter err = ex.getCommandLine().getErr();
      err.println("error: " + ex.getMessage().replace("\n", " ").trim());
      err.println("try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
      return 2;
    });
    cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      boolean verbose = parseResult.expandedArgs().contains("--verbose") || parseResult.expandedArgs().contains("-v");
      String msg = ex instanceof SocialCrmException ? ex.getMessage() : Errors.rootMessage(ex);
      err.println("error: " + msg.replace("\n", " "));
      if (verbose) {
        ex.printStackTrace(err);
      }
      err.flush();
      return ex instanceof SocialCrmException sce && BAD_ARGUMENT_CODES.contains(sce.code()) ? 2 : 1;
    });
    return cli;
  }
}

package io.socialcrm.serve;

import io.socialcrm.common.Errors;
import java.io.Serializable;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.execution.command.SetCommand;
import scala.Function1;
import scala.Option;
import scala.Tuple2;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Makes a session read-only once {@link #enable()} is called: a Spark session extension (listed in
 * {@code spark.sql.extensions} by the SQL endpoint) whose analysis check refuses every statement but queries and
 * the commands that only read (SHOW, DESCRIBE, EXPLAIN, USE, and SET of a key other than the file-query switch).
 * It checks the analyzed plan, so a write is refused before it runs, whatever SQL spells it (INSERT, CTAS, MERGE,
 * DELETE, DROP, ALTER, CACHE, ADD JAR, ...). Calling Java methods by reflection ({@code reflect},
 * {@code java_method}) is refused too.
 */
public final class ReadOnlySql extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Commands (by class name) that only read the catalog or the session. */
  static final Set<String> READING_COMMANDS = Set.of(
      "SetCommand", "ResetCommand", "SetCatalogAndNamespace", "SetNamespaceCommand", "SetCatalogCommand",
      "ShowTables", "ShowTablesCommand", "ShowTableExtended", "ShowTablesExtended", "ShowNamespaces",
      "ShowNamespacesCommand", "ShowColumns", "ShowColumnsCommand", "ShowCreateTable", "ShowCreateTableCommand",
      "ShowCreateTableAsSerdeCommand", "ShowTableProperties", "ShowTablePropertiesCommand", "ShowPartitions",
      "ShowPartitionsCommand", "ShowFunctions", "ShowFunctionsCommand", "ShowViews", "ShowViewsCommand",
      "ShowCatalogsCommand", "ShowCurrentNamespace", "ShowCurrentNamespaceCommand", "DescribeRelation",
      "DescribeTableCommand", "DescribeColumn", "DescribeColumnCommand", "DescribeNamespace",
      "DescribeDatabaseCommand", "DescribeFunction", "DescribeFunctionCommand", "DescribeQueryCommand",
      "ExplainCommand", "DescribeDeltaDetailCommand", "DescribeDeltaHistory", "DescribeDeltaHistoryCommand");

  /** The one runtime setting a reader must not change: it would let SQL read any file by its path. */
  static final String FILE_QUERIES = "spark.sql.runsqlonfiles";

  private static volatile boolean enabled;

  /** From now on, every session of this JVM that has the extension refuses writes. */
  public static void enable() {
    enabled = true;
  }

  static void disable() {
    enabled = false;
  }

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(new CheckRuleBuilder());
    return BoxedUnit.UNIT;
  }

  private static final class CheckRuleBuilder extends AbstractFunction1<SparkSession, Function1<LogicalPlan, BoxedUnit>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Function1<LogicalPlan, BoxedUnit> apply(SparkSession session) {
      return new CheckRule();
    }
  }

  private static final class CheckRule extends AbstractFunction1<LogicalPlan, BoxedUnit> implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public BoxedUnit apply(LogicalPlan plan) {
      if (enabled) {
        check(plan);
      }
      return BoxedUnit.UNIT;
    }
  }

  /** Raises {@link Errors#readOnlyEndpoint} unless every node of the analyzed plan only reads. */
  public static void check(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    if (plan instanceof Command && !READING_COMMANDS.contains(name)) {
      throw Errors.readOnlyEndpoint(describe(name));
    }
    if (name.startsWith("InsertInto") || name.endsWith("Statement") && !name.equals("UseStatement")) {
      throw Errors.readOnlyEndpoint(describe(name));
    }
    if (plan instanceof SetCommand set) {
      Option<Tuple2<String, Option<String>>> kv = set.kv();
      if (kv.isDefined() && kv.get()._2().isDefined()
          && kv.get()._1().trim().toLowerCase(Locale.ROOT).equals(FILE_QUERIES)) {
        throw Errors.readOnlyEndpoint("SET " + kv.get()._1().trim());
      }
    }
    for (Expression e : JavaConverters.seqAsJavaList(plan.expressions())) {
      check(e);
    }
    for (LogicalPlan child : JavaConverters.seqAsJavaList(plan.children())) {
      check(child);
    }
    for (Object inner : JavaConverters.seqAsJavaList(plan.innerChildren())) {
      if (inner instanceof LogicalPlan p) {
        check(p);
      }
    }
  }

  private static void check(Expression e) {
    if (e instanceof CallMethodViaReflection) {
      throw Errors.readOnlyEndpoint("calling Java methods (reflect, java_method)");
    }
    if (e instanceof SubqueryExpression sub) {
      check(sub.plan());
    }
    for (Expression child : JavaConverters.seqAsJavaList(e.children())) {
      check(child);
    }
  }

  /** "DropTableCommand" → "DROP TABLE", for the error message. */
  static String describe(String planClass) {
    String words = planClass.replaceAll("(Command|Statement|Exec)$", "").replaceAll("([a-z])([A-Z])", "$1 $2");
    return words.toUpperCase(Locale.ROOT);
  }
}

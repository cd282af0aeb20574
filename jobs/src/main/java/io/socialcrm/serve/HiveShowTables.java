package io.socialcrm.serve;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.SparkSessionExtensions;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Alias$;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.rules.Rule;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Makes {@code SHOW TABLES} answer as HiveServer2 does: one column, {@code tab_name}. Spark answers with three
 * (namespace, tableName, isTemporary), and Hive clients that read the first column as the table's name (PyHive's
 * SQLAlchemy dialect, so Superset's table list; Hue) list the database's name once per table instead. A session
 * extension listed by the SQL endpoint only: the lake's own sessions keep Spark's answer. JDBC and ODBC clients
 * that list tables through the protocol's metadata call (DBeaver, Tableau, Power BI) are not affected.
 */
public final class HiveShowTables extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The column Hive's SHOW TABLES answers with. */
  public static final String TABLE_COLUMN = "tab_name";

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectPostHocResolutionRule(new RuleBuilder());
    return BoxedUnit.UNIT;
  }

  private static final class RuleBuilder extends AbstractFunction1<SparkSession, Rule<LogicalPlan>>
      implements Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Rule<LogicalPlan> apply(SparkSession session) {
      return new HiveShapeRule();
    }
  }

  private static final class HiveShapeRule extends Rule<LogicalPlan> {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
      return hiveShaped(plan);
    }
  }

  /**
   * A plain SHOW TABLES (the statement itself, not SHOW TABLE EXTENDED) under a projection of its table name as
   * {@value #TABLE_COLUMN}; any other plan unchanged. Only the plan's root is looked at, so a plan shaped once stays
   * as it is when analysed again.
   */
  static LogicalPlan hiveShaped(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    if (!(plan instanceof Command) || !(name.equals("ShowTablesCommand") || name.equals("ShowTables"))) {
      return plan;
    }
    List<Attribute> output = JavaConverters.seqAsJavaList(plan.output());
    if (output.stream().anyMatch(a -> a.name().equals("information"))) {
      return plan; // SHOW TABLE EXTENDED
    }
    for (Attribute a : output) {
      if (a.name().equals("tableName")) {
        Alias$ alias = Alias$.MODULE$;
        Alias tabName = alias.apply(a, TABLE_COLUMN, alias.apply$default$3(a, TABLE_COLUMN),
            alias.apply$default$4(a, TABLE_COLUMN), alias.apply$default$5(a, TABLE_COLUMN),
            alias.apply$default$6(a, TABLE_COLUMN));
        List<NamedExpression> columns = List.of(tabName);
        return new Project(JavaConverters.asScalaBuffer(columns).toSeq(), plan);
      }
    }
    return plan;
  }
}

package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_date;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a marts run must recompute: the days whose facts changed since the last run (from the silver tables'
 * change feeds), and whether anything changed at all. Daily and monthly marts are rebuilt for those days or their
 * months only; the marts kept per person for the people the changes touched ({@link TouchedPeople}); influence
 * when any input changed.
 *
 * @param firstRun      no marts state yet: everything is built
 * @param anyChange     some silver input changed since the last run
 * @param peopleChanged identity links, customers or profiles changed (who is who may have moved)
 * @param days          the days of changed interactions, orders, spend and support cases
 */
public record MartScope(boolean firstRun, boolean anyChange, boolean peopleChanged, SortedSet<LocalDate> days) {

  /**
   * The distinct days of changed facts: interaction_date of interactions, order_date of orders, spend_date of
   * spend and the day support cases were opened. Bounded by the number of days in the data, so it is collected.
   */
  public static SortedSet<LocalDate> changedDays(Dataset<Row> interactions, Dataset<Row> orders, Dataset<Row> spend,
      Dataset<Row> supportCases) {
    Dataset<Row> days = interactions.select(col("interaction_date").as("day"))
        .union(orders.select(col("order_date").as("day")))
        .union(spend.select(col("spend_date").as("day")))
        .union(supportCases.select(to_date(col("opened_at")).as("day")))
        .where(col("day").isNotNull())
        .distinct();
    SortedSet<LocalDate> out = new TreeSet<>();
    for (Row r : days.collectAsList()) {
      out.add(r.getDate(0).toLocalDate());
    }
    return out;
  }

  /** The first day of each changed day's month. */
  public SortedSet<LocalDate> months() {
    SortedSet<LocalDate> out = new TreeSet<>();
    days.forEach(d -> out.add(d.withDayOfMonth(1)));
    return out;
  }

  /** A SQL predicate selecting {@code column} values among {@code values} (dates), or nothing when empty. */
  public static String dateIn(String column, Collection<LocalDate> values) {
    if (values.isEmpty()) {
      return "false";
    }
    List<String> literals = values.stream().map(d -> "DATE'" + d + "'").toList();
    return column + " IN (" + String.join(", ", literals) + ")";
  }
}

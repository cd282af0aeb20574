package io.socialcrm.marts;

import static org.apache.spark.sql.functions.sum;

import org.apache.spark.sql.Column;

/**
 * A sum of doubles that does not depend on the order the rows come in: each value is rounded to 18 decimals and
 * added as a decimal (exact), then turned back into a double. A plain double sum can differ in the last bit with
 * the partitioning, so a mart aggregated from an incrementally maintained table would not equal, bit for bit, the
 * same mart aggregated from a table built from scratch, and a rerun could commit a change that is none.
 */
final class ExactSum {
  private ExactSum() {}

  /** The aggregate sum of {@code value} (a double column), as a double; null over no non-null values. */
  static Column of(Column value) {
    return sum(value.cast("decimal(38,18)")).cast("double");
  }
}

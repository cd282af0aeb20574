package io.socialcrm.marts;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import io.socialcrm.lake.DeclaredTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Whom a run recomputes in the marts kept per person (stages, attribution paths and credits): everyone (the first
 * run, or a mart not written yet), or the people the night's changes touched ({@link TouchedPeople}). A person's rows
 * in these marts depend on that person's data only, so recomputing the touched people and replacing exactly their
 * rows gives the marts a computation over everyone would.
 */
final class PeopleScope {
  private final Dataset<Row> touched;

  private PeopleScope(Dataset<Row> touched) {
    this.touched = touched;
  }

  /** Everyone: inputs are not restricted and marts are replaced whole. */
  static PeopleScope everyone() {
    return new PeopleScope(null);
  }

  /** The touched people ({@link TouchedPeople#of}: person_id, customer_id). */
  static PeopleScope touched(Dataset<Row> touched) {
    return new PeopleScope(touched);
  }

  boolean isEveryone() {
    return touched == null;
  }

  /** The rows of {@code rows} about the scope's people: those whose {@code column} is one of their person ids. */
  Dataset<Row> restrict(Dataset<Row> rows, String column) {
    return touched == null ? rows : TouchedPeople.restrict(rows, column, touched);
  }

  /**
   * The rows about the people whose history the run reads: everyone, else the touched people whose evidence is
   * recomputed ({@link TouchedPeople#RECOMPUTE}) and the linked ones (their attribution paths are recomputed).
   */
  Dataset<Row> withHistory(Dataset<Row> rows, String column) {
    return touched == null ? rows : TouchedPeople.restrict(rows, column,
        touched.where(col(TouchedPeople.RECOMPUTE).or(col("customer_id").isNotNull())));
  }

  /** The rows about the touched people whose evidence is recomputed from their history (everyone's for everyone). */
  Dataset<Row> recomputed(Dataset<Row> rows, String column) {
    return touched == null ? rows : TouchedPeople.restrict(rows, column, touched.where(col(TouchedPeople.RECOMPUTE)));
  }

  /** The rows about the touched people whose stored evidence takes the night's rows ({@link PersonStages#fold}). */
  Dataset<Row> folded(Dataset<Row> rows, String column) {
    return touched == null ? rows.limit(0)
        : TouchedPeople.restrict(rows, column, touched.where(not(col(TouchedPeople.RECOMPUTE))));
  }

  /**
   * Writes {@code rows}, the recomputed rows of the scope's people, to {@code table}: the whole table for everyone,
   * else exactly the rows whose {@code column} is a touched person's id, in one commit (none when they are the same).
   */
  GoldWriter.Written write(GoldWriter writer, DeclaredTable table, Dataset<Row> rows, String column) {
    return touched == null ? writer.replaceAll(table, rows)
        : writer.replaceMatching(table, rows, current -> restrict(current, column));
  }
}

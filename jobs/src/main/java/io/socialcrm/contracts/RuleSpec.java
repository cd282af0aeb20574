package io.socialcrm.contracts;

/** A record-level rule: a Spark SQL boolean expression over the typed columns; a record fails when it is false. */
public record RuleSpec(String name, String sql, String description) {}

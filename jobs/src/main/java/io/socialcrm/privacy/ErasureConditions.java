package io.socialcrm.privacy;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.ingest.RawRecords;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The row conditions of an erasure, as Spark columns (pure functions of a contract or a schema and the ids):
 * which rows of a table are about the person, and how a list of referenced users is rewritten without them.
 */
public final class ErasureConditions {
  /** Silver and gold convention: a customer column. */
  public static final String CUSTOMER_ID = "customer_id";
  /** Silver and gold convention: a profile as platform + profile_id columns ... */
  public static final String PLATFORM = "platform";
  public static final String PROFILE_ID = "profile_id";
  /** ... or as one "platform:profile_id" column. */
  public static final String PROFILE_KEY = "profile_key";
  /** Gold convention: a person as the customer id (linked) or "platform:profile_id" (unlinked profile). */
  public static final String PERSON_ID = "person_id";
  /**
   * Inputs whose records carry other people as referenced user objects (a JSON array of objects with an
   * {@code id}): input name to column. Another person's X post keeps its row but loses the erased user's object.
   */
  public static final Map<String, String> REFERENCED_USERS = Map.of("x_posts", "includes_users");
  /** Characters that can be part of an id: a match in quarantine text must not touch one of them on either side. */
  private static final String NOT_ID_CHAR = "[^A-Za-z0-9_-]";

  private ErasureConditions() {}

  /** Bronze rows of a contract about the targets, by its subject columns; null when none can match. */
  public static Column bronze(Contract contract, ErasureTargets targets) {
    List<Column> any = new ArrayList<>();
    for (ColumnSpec c : contract.subjectColumns()) {
      if (ColumnSpec.SUBJECT_CUSTOMER.equals(c.subject())) {
        any.add(in(col(c.name()), targets.customerIds()));
      } else if (contract.subjectPlatform() != null) {
        any.add(in(col(c.name()), targets.profiles(contract.subjectPlatform())));
      } else {
        for (String platform : Contract.PLATFORMS) {
          Column ids = in(col(c.name()), targets.profiles(platform));
          any.add(ids == null ? null : col(Contract.PLATFORM_COLUMN).equalTo(platform).and(ids));
        }
      }
    }
    return or(any);
  }

  /**
   * Silver and gold rows about the targets, by naming convention: a {@code customer_id} column, a
   * {@code platform} + {@code profile_id} pair, a {@code profile_key} ("platform:profile_id"), or a gold
   * {@code person_id} (either of the two); null when the
   * table has none of these columns or nothing can match.
   */
  public static Column byConvention(StructType schema, ErasureTargets targets) {
    List<String> names = Arrays.asList(schema.fieldNames());
    List<Column> any = new ArrayList<>();
    if (names.contains(CUSTOMER_ID)) {
      any.add(in(col(CUSTOMER_ID).cast("string"), targets.customerIds()));
    }
    if (names.contains(PLATFORM) && names.contains(PROFILE_ID)) {
      for (String platform : targets.profileIds().keySet()) {
        Column ids = in(col(PROFILE_ID).cast("string"), targets.profiles(platform));
        any.add(ids == null ? null : col(PLATFORM).equalTo(platform).and(ids));
      }
    }
    if (names.contains(PROFILE_KEY)) {
      any.add(in(col(PROFILE_KEY), targets.profileKeys()));
    }
    if (names.contains(PERSON_ID)) {
      List<String> people = new ArrayList<>(targets.customerIds());
      people.addAll(targets.profileKeys());
      any.add(in(col(PERSON_ID), people));
    }
    return or(any);
  }

  /**
   * Quarantined rows whose raw {@code _record} text mentions any target id. Quarantined records could not be
   * parsed reliably, so they are matched as text: the id must stand alone (no id character right before or after
   * it, so {@code 123} does not match {@code 41234}). Customer ids, X and Facebook user ids and LinkedIn URNs are
   * long and unique, so a match is that person's record; null when there are no ids.
   */
  public static Column quarantine(ErasureTargets targets) {
    List<Column> any = new ArrayList<>();
    for (String id : targets.allIds()) {
      any.add(col(RawRecords.RECORD).rlike("(^|" + NOT_ID_CHAR + ")" + Pattern.quote(id) + "($|" + NOT_ID_CHAR + ")"));
    }
    return or(any);
  }

  /** True when a JSON array of user objects (text) holds a user whose id is one of the ids. */
  public static Column referencesAny(Column usersJson, List<String> ids) {
    return referencesWhere(usersJson, id -> isIn(id, ids));
  }

  /**
   * The JSON array of user objects (text) without the users whose id is one of the ids; the array is unchanged
   * (byte for byte) when it references none of them.
   */
  public static Column withoutUsers(Column usersJson, List<String> ids) {
    return withoutUsersWhere(usersJson, id -> isIn(id, ids));
  }

  /** {@link #withoutUsers} for users whose id satisfies a condition (ingestion: the id hashes to an erasure). */
  public static Column withoutUsersWhere(Column usersJson, Function<Column, Column> erased) {
    // Each element is parsed as text (array<string>), so the objects that stay are kept whole; the array is then
    // joined back. Built-ins only (from_json, filter, array_join), no UDF.
    Column users = from_json(usersJson, new ArrayType(DataTypes.StringType, true), Map.of());
    Column kept = concat(lit("["), array_join(filter(users, u -> not(org.apache.spark.sql.functions.coalesce(erased.apply(userId(u)), lit(false)))), ","), lit("]"));
    return when(referencesWhere(usersJson, erased), kept).otherwise(usersJson);
  }

  /** True when some user object of the JSON array (text) has an id satisfying the condition. */
  public static Column referencesWhere(Column usersJson, Function<Column, Column> erased) {
    Column users = from_json(usersJson, new ArrayType(DataTypes.StringType, true), Map.of());
    return org.apache.spark.sql.functions.coalesce(exists(users, u -> erased.apply(userId(u))), lit(false));
  }

  private static Column userId(Column userJson) {
    return get_json_object(userJson, "$.id");
  }

  private static Column isIn(Column value, List<String> ids) {
    return ids.isEmpty() ? lit(false) : array_contains(org.apache.spark.sql.functions.array(
        ids.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new)), value);
  }

  private static Column in(Column c, List<String> values) {
    return values.isEmpty() ? null : c.isin(values.toArray());
  }

  private static Column or(List<Column> conditions) {
    Column out = null;
    for (Column c : conditions) {
      if (c != null) {
        out = out == null ? c : out.or(c);
      }
    }
    return out;
  }
}

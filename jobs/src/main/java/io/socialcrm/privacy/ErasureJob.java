package io.socialcrm.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.Layer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import scala.collection.JavaConverters;

/**
 * Erases a person from every Delta table of the lake: bronze by the contracts' subject columns, silver and gold
 * by naming convention ({@link ErasureConditions#byConvention}), quarantine by the ids in the raw record text;
 * a customer takes every profile ever linked to them in {@code silver.identity_links} along. One Delta DELETE
 * (or, for X posts that reference the person, one MERGE) per affected table, then one row per erased subject in
 * the {@link ErasureRegister}. Delta keeps the old versions until VACUUM (see the README).
 */
public final class ErasureJob {
  /** Read for the profiles linked to a customer; cleaned last, so a failed erase can be rerun and find them. */
  public static final String IDENTITY_LINKS = "identity_links";

  private final SparkSession spark;
  private final Lake lake;
  private final Clock clock;
  private final ErasureRegister register;

  public ErasureJob(SparkSession spark, Lake lake, Clock clock) {
    this.spark = spark;
    this.lake = lake;
    this.clock = clock;
    this.register = new ErasureRegister(spark, lake);
  }

  public ErasureResult erase(ErasureSubject subject, String requestedBy) {
    Instant now = clock.instant();
    Optional<Row> earlier = register.find(subject.hash());
    if (earlier.isPresent()) {
      Row r = earlier.get();
      return new ErasureResult(true, r.getAs(ErasureRegister.ERASURE_ID),
          ((Timestamp) r.getAs(ErasureRegister.ERASED_AT)).toInstant(), 0, Map.of(), Map.of(), Map.of());
    }
    List<ErasureSubject> subjects = new ArrayList<>(List.of(subject));
    if (subject.kind() == ErasureSubject.Kind.CUSTOMER) {
      subjects.addAll(linkedProfiles(subject.id()));
    }
    ErasureTargets targets = ErasureTargets.of(subjects);
    Map<String, Long> removed = new LinkedHashMap<>();
    Map<String, Long> rewritten = new LinkedHashMap<>();
    Map<String, String> paths = new LinkedHashMap<>();
    for (Target t : tables(targets)) {
      long[] n = t.referencedUsers() == null ? delete(t) : deleteAndRewrite(t);
      if (n[0] > 0 || n[1] > 0) {
        paths.put(t.name(), t.path());
        removed.put(t.name(), n[0]);
        if (n[1] > 0) {
          rewritten.put(t.name(), n[1]);
        }
      }
    }
    String erasureId = UUID.randomUUID().toString();
    List<Row> rows = new ArrayList<>();
    for (ErasureSubject s : subjects) {
      boolean requested = s == subject;
      if (!requested && register.find(s.hash()).isPresent()) {
        continue; // a linked profile erased earlier on its own: registered already
      }
      rows.add(RowFactory.create(erasureId, s.kind().label(), s.hash(), requested, Timestamp.from(now), requestedBy,
          requested ? scalaMap(removed) : null, requested ? scalaMap(rewritten) : null));
    }
    register.append(rows);
    return new ErasureResult(false, erasureId, now, subjects.size() - 1, removed, rewritten, paths);
  }

  /** Every profile ever linked to the customer in silver.identity_links (any version), if that table exists. */
  List<ErasureSubject> linkedProfiles(String customerId) {
    String path = Lake.join(lake.root(), Layer.SILVER.folder(), IDENTITY_LINKS);
    if (!lake.isDeltaTable(path)) {
      return List.of();
    }
    // One person's profiles: a handful of rows.
    return spark.read().format("delta").load(path)
        .filter(col(ErasureConditions.CUSTOMER_ID).equalTo(customerId)
            .and(col(ErasureConditions.PLATFORM).isin(Contract.PLATFORMS.toArray()))
            .and(col(ErasureConditions.PROFILE_ID).isNotNull()))
        .select(ErasureConditions.PLATFORM, ErasureConditions.PROFILE_ID).distinct()
        .orderBy(ErasureConditions.PLATFORM, ErasureConditions.PROFILE_ID)
        .collectAsList().stream()
        .map(r -> ErasureSubject.profile(r.getString(0), String.valueOf(r.get(1)))).toList();
  }

  /** A table to clean: its name (layer.table), path, the condition of the rows to delete, and the referenced-user column. */
  record Target(String name, String path, Column delete, String referencedUsers, List<String> referencedIds) {}

  /** The tables that may hold the targets: bronze, quarantine, silver, gold; silver.identity_links last. */
  List<Target> tables(ErasureTargets targets) {
    List<Target> out = new ArrayList<>();
    Target links = null;
    for (Contract c : Contracts.all()) {
      String path = Lake.join(lake.root(), Layer.BRONZE.folder(), c.name());
      String users = ErasureConditions.REFERENCED_USERS.get(c.name());
      List<String> referenced = users == null ? List.of() : targets.profiles(c.subjectPlatform());
      Column cond = ErasureConditions.bronze(c, targets);
      if ((cond != null || !referenced.isEmpty()) && lake.isDeltaTable(path)) {
        out.add(new Target(Layer.BRONZE.folder() + "." + c.name(), path, cond, referenced.isEmpty() ? null : users,
            referenced));
      }
    }
    Column quarantined = ErasureConditions.quarantine(targets);
    for (String path : deltaTables(Layer.QUARANTINE)) {
      out.add(new Target(name(Layer.QUARANTINE, path), path, quarantined, null, List.of()));
    }
    for (Layer layer : List.of(Layer.SILVER, Layer.GOLD)) {
      for (String path : deltaTables(layer)) {
        Column cond = ErasureConditions.byConvention(spark.read().format("delta").load(path).schema(), targets);
        if (cond == null) {
          continue;
        }
        Target t = new Target(name(layer, path), path, cond, null, List.of());
        if (layer == Layer.SILVER && path.endsWith("/" + IDENTITY_LINKS)) {
          links = t;
        } else {
          out.add(t);
        }
      }
    }
    if (links != null) {
      out.add(links);
    }
    return out;
  }

  private List<String> deltaTables(Layer layer) {
    return lake.listDirs(Lake.join(lake.root(), layer.folder())).stream().filter(lake::isDeltaTable).toList();
  }

  private static String name(Layer layer, String path) {
    return layer.folder() + "." + path.substring(path.lastIndexOf('/') + 1);
  }

  /** One DELETE when some row matches; returns {removed, 0}. */
  private long[] delete(Target t) {
    try {
      if (t.delete() == null || spark.read().format("delta").load(t.path()).filter(t.delete()).isEmpty()) {
        return new long[2];
      }
      DeltaTable.forPath(spark, t.path()).delete(t.delete());
      return new long[] {metric(t.path(), "numDeletedRows"), 0};
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.erasureFailed(t.name(), e);
    }
  }

  /**
   * One MERGE that deletes the person's own rows and rewrites other people's rows that reference them (their
   * user object taken out of the referenced-user array); returns {removed, rewritten}.
   */
  private long[] deleteAndRewrite(Target t) {
    List<String> ids = t.referencedIds();
    Column own = t.delete() == null ? lit(false) : t.delete();
    Column mentions = ErasureConditions.referencesAny(col(t.referencedUsers()), ids);
    try {
      if (spark.read().format("delta").load(t.path()).filter(own.or(mentions)).isEmpty()) {
        return new long[2];
      }
      // A one-row source: every target row matches it at most once, so a row is deleted or updated, never both.
      Dataset<Row> one = spark.range(1).toDF("_erasure");
      DeltaMergeBuilder merge = DeltaTable.forPath(spark, t.path()).as("t")
          .merge(one.as("s"), own.or(mentions))
          .whenMatched(own).delete()
          .whenMatched().update(Map.of(t.referencedUsers(),
              ErasureConditions.withoutUsers(col("t." + t.referencedUsers()), ids)));
      merge.execute();
      return new long[] {metric(t.path(), "numTargetRowsDeleted"), metric(t.path(), "numTargetRowsUpdated")};
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.erasureFailed(t.name(), e);
    }
  }

  private long metric(String path, String name) {
    Map<String, String> metrics = DeltaTable.forPath(spark, path).history(1).select("operationMetrics").head().getJavaMap(0);
    String n = metrics == null ? null : metrics.get(name);
    return n == null ? 0L : Long.parseLong(n);
  }

  private static scala.collection.Map<String, Long> scalaMap(Map<String, Long> m) {
    return JavaConverters.mapAsScalaMapConverter(m).asScala();
  }
}

package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import io.socialcrm.common.JoinKeys;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scored-pair store that makes identity incremental. A pair's score depends only on its two records (the
 * columns the comparisons and blocking keys read, and for a customer the platforms it consented on), on which
 * blocks are too big to block, and on the model. So the store keeps the scored pairs at or above the review
 * probability ({@code silver._identity_pairs}) and what they were built from ({@code silver._identity_records}:
 * one fingerprint per profile and customer, one row per skipped block, one for the model); a run re-blocks only
 * the records whose fingerprint is new or different (and the records of a block whose skipping flipped), and
 * keeps every stored pair that touches no changed or removed record. Pure transformations; the job reads and writes.
 */
public final class PairStore {
  /** Kinds of record rows. */
  public static final String PROFILE = "profile";
  public static final String CUSTOMER = "customer";
  public static final String SKIPPED_BLOCK = "skipped_block";
  public static final String MODEL = "model";
  private static final List<String> IDENTITY = List.of("kind", "profile_key", "customer_id", "block");

  private PairStore() {
  }

  /**
   * The records a store is built from, in {@link IdentityTables#RECORDS_SCHEMA}.
   *
   * @param profiles profile_key and fingerprint (see {@link LinkageEngine#leftFingerprint})
   * @param customers customer_id and fingerprint (see {@link LinkageEngine#rightFingerprint}); the platforms the
   *     customer consented on join the fingerprint, so a consent change re-blocks the customer
   * @param consented customer_id, platform of the granted consents
   * @param skippedBlocks blocking_rule, key of the blocks too big to block (see {@link LinkageEngine#skippedBlocks})
   * @param modelId the run id of the model the pairs are scored with
   */
  public static Dataset<Row> records(Dataset<Row> profiles, Dataset<Row> customers, Dataset<Row> consented,
      Dataset<Row> skippedBlocks, String modelId) {
    Dataset<Row> consents = consented.groupBy("customer_id")
        .agg(array_join(array_sort(collect_set(col("platform"))), ",").as("_platforms"));
    Column none = lit(null).cast("string");
    Dataset<Row> p = profiles.select(lit(PROFILE).as("kind"), col("profile_key"), none.as("customer_id"),
        none.as("block"), col("fingerprint"));
    Dataset<Row> c = customers.join(consents, JoinKeys.of("customer_id"), "left")
        .select(lit(CUSTOMER).as("kind"), none.as("profile_key"), col("customer_id"), none.as("block"),
            sha2(concat_ws("|", col("fingerprint"), coalesce(col("_platforms"), lit(""))), 256).as("fingerprint"));
    Dataset<Row> b = skippedBlocks.select(lit(SKIPPED_BLOCK).as("kind"), none.as("profile_key"),
        none.as("customer_id"), LinkageEngine.blockName(col(LinkageEngine.BLOCKING_RULE), col("key")).as("block"),
        none.as("fingerprint"));
    Dataset<Row> m = consents.sparkSession().range(1).select(lit(MODEL).as("kind"), none.as("profile_key"),
        none.as("customer_id"), none.as("block"), lit(modelId).as("fingerprint"));
    return p.unionByName(c).unionByName(b).unionByName(m);
  }

  /** The current record rows the store was not built from: new records and records whose fingerprint changed. */
  public static Dataset<Row> changed(Dataset<Row> stored, Dataset<Row> current) {
    return current.except(stored.selectExpr(current.columns()));
  }

  /** The stored record rows whose record is gone (kind and id only). */
  public static Dataset<Row> removed(Dataset<Row> stored, Dataset<Row> current) {
    Column[] identity = IDENTITY.stream().map(c -> col(c)).toArray(Column[]::new);
    return stored.select(identity).except(current.select(identity));
  }

  /** The ids ({@code profile_key} for profiles, {@code customer_id} for customers) of the record rows of one kind. */
  public static Dataset<Row> ids(Dataset<Row> records, String kind) {
    return records.where(col("kind").equalTo(kind)).select(kind.equals(PROFILE) ? "profile_key" : "customer_id");
  }

  /** The blocks (column {@code block}) whose skipping flipped: skipped now and not before, or the other way. */
  public static Dataset<Row> flippedBlocks(Dataset<Row> changed, Dataset<Row> removed) {
    return changed.where(col("kind").equalTo(SKIPPED_BLOCK)).select("block")
        .unionByName(removed.where(col("kind").equalTo(SKIPPED_BLOCK)).select("block"));
  }

  /** The store's shape of scored pairs: those at or above the review probability, with weight and evidence. */
  public static Dataset<Row> pairs(Dataset<Row> scored, double reviewMinProbability) {
    return scored.where(col(LinkageEngine.MATCH_PROBABILITY).geq(reviewMinProbability))
        .select(col(LinkageEngine.L + "profile_key").as("profile_key"),
            col(LinkageEngine.R + "customer_id").as("customer_id"), col(LinkageEngine.MATCH_PROBABILITY),
            col(LinkageEngine.MATCH_WEIGHT), col(LinkageEngine.EVIDENCE));
  }

  /** The stored pairs that touch none of the given profiles (profile_key) and customers (customer_id). */
  public static Dataset<Row> kept(Dataset<Row> stored, Dataset<Row> touchedProfiles, Dataset<Row> touchedCustomers) {
    return stored.join(touchedProfiles, JoinKeys.of("profile_key"), "left_anti")
        .join(touchedCustomers, JoinKeys.of("customer_id"), "left_anti");
  }
}

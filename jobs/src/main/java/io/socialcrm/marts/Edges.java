package io.socialcrm.marts;

import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The influence graph of {@code silver.interactions}: a directed, weighted edge A→B for every time profile A
 * engaged with profile B, so that B gains authority from A. Nodes are profile keys ("platform:profile_id",
 * {@link People#profileKey}); edges never cross platforms.
 *
 * <ul>
 *   <li>A reply, quote, repost or comment by A of B's post: A→B, where B is the row's {@code target_profile_id},
 *       or, when that is missing, the author of {@code target_post_id} (looked up among the interactions).</li>
 *   <li>An X post, reply or quote by A mentioning B ({@code mentioned_profile_ids}): A→B for every B mentioned
 *       other than A and the row's target (so a reply that @-mentions the account it answers counts once).
 *       Reposts' mentions are the original author's and give no mention edges.</li>
 * </ul>
 * Reactions (likes) and follows are not edges: the graph is the mention/reply/repost graph of DOMAIN.md. Every
 * interaction gives weight 1 to each of its edges; an edge's weight is the number of such interactions. Self-loops
 * (a profile answering itself in a thread) are dropped.
 */
public final class Edges {
  /** Interaction types whose target is an edge. */
  public static final String[] TARGETING = {"reply", "quote", "repost", "comment"};
  /** Interaction types whose mentions are edges (X only carries mentions). */
  public static final String[] MENTIONING = {"post", "reply", "quote"};
  /** Interaction types that are posts other rows can target. */
  private static final String[] POSTS = {"post", "reply", "quote", "repost", "comment"};

  private Edges() {}

  /**
   * The edge list (src, dst, weight double) of {@code interactions} (silver.interactions columns: interaction_id,
   * platform, profile_id, interaction_type, target_post_id, target_profile_id, mentioned_profile_ids).
   */
  public static Dataset<Row> of(Dataset<Row> interactions) {
    Dataset<Row> targeting = interactions.filter(col("interaction_type").isin((Object[]) TARGETING))
        .select(col("interaction_id"), col("platform"), col("profile_id"), col("target_post_id"),
            col("target_profile_id"));
    Dataset<Row> targeted = targeting.filter(col("target_profile_id").isNotNull())
        .select(col("interaction_id"), col("platform"), col("profile_id"), col("target_profile_id").as("dst_id"));
    Dataset<Row> byPostAuthor = targeting
        .filter(col("target_profile_id").isNull().and(col("target_post_id").isNotNull()))
        .join(postAuthors(interactions),
            col("platform").equalTo(col("_post_platform")).and(col("target_post_id").equalTo(col("_post_id"))))
        .select(col("interaction_id"), col("platform"), col("profile_id"), col("_post_author").as("dst_id"));
    Dataset<Row> targetEdges = targeted.unionByName(byPostAuthor);

    // a reply or quote already has an edge to its target; a post's target_profile_id is just its first mention
    Column target = coalesce(when(col("interaction_type").isin((Object[]) TARGETING), col("target_profile_id")),
        lit(""));
    Dataset<Row> mentionEdges = interactions
        .filter(col("interaction_type").isin((Object[]) MENTIONING).and(col("mentioned_profile_ids").isNotNull()))
        .select(col("interaction_id"), col("platform"), col("profile_id"),
            explode(array_distinct(filter(col("mentioned_profile_ids"),
                m -> m.isNotNull().and(m.notEqual(col("profile_id"))).and(m.notEqual(target))))).as("dst_id"));

    return targetEdges.unionByName(mentionEdges)
        .filter(col("dst_id").notEqual(col("profile_id")))
        .groupBy(People.profileKey(col("platform"), col("profile_id")).as("src"),
            People.profileKey(col("platform"), col("dst_id")).as("dst"))
        .agg(sum(lit(1.0)).as("weight"));
  }

  /**
   * The author of every post-like interaction by its platform post id (the part of interaction_id after
   * "source:type:", e.g. the X tweet id of {@code x:reply:123} or the Facebook post id of {@code fb:post:P_1}).
   */
  private static Dataset<Row> postAuthors(Dataset<Row> interactions) {
    return interactions.filter(col("interaction_type").isin((Object[]) POSTS))
        .select(col("platform").as("_post_platform"),
            regexp_extract(col("interaction_id"), "^[^:]+:[^:]+:(.+)$", 1).as("_post_id"),
            col("profile_id").as("_post_author"))
        .dropDuplicates("_post_platform", "_post_id");
  }
}

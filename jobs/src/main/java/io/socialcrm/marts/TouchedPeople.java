package io.socialcrm.marts;

import static org.apache.spark.sql.functions.bool_or;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import io.socialcrm.common.JoinKeys;
import io.socialcrm.conform.Brands;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The people a night's changes touch: those whose rows in the person marts (stages, attribution paths and credits)
 * may differ from the last run, and so the only ones these marts recompute. A person's rows depend on their own
 * interactions and orders, their customer row and their profiles, on who is linked to whom, and on two small global
 * facts: which posts carry a campaign or are the own brand's, and which campaigns are the own brand's. So a person is
 * touched when the night changed
 * <ul>
 *   <li>an interaction they wrote (its sentiment comes with it), or what the person marts read of one of their
 *       profiles ({@link #profilesWithChangedEvidence}: a new last_seen or follower count alone touches no one);</li>
 *   <li>an order of theirs (new, refunded, cancelled), or their customer row (segment);</li>
 *   <li>a link of theirs: a closed or erased link touches its old customer and the profile as the unlinked person it
 *       becomes, an inserted link its new customer and the profile as the unlinked person it was (so erasing a
 *       profile recomputes the customer it belonged to without its rows);</li>
 *   <li>a post they engaged with that carries a campaign or is the own brand's (it decides their touches' campaign
 *       and type), or a campaign one of their interactions carries.</li>
 * </ul>
 * The set is bounded by the night's changes, not by the history: the history is only looked up for the people
 * behind them.
 */
public final class TouchedPeople {
  private TouchedPeople() {}

  /**
   * What changed since the last run, per input: the new or changed rows (post-images) of each silver table,
   * {@code previousOrderCustomers} the customer_id an updated order had before (an order moved to another customer
   * touches both), and {@code changedInteractionAuthors} the authors (platform, profile_id) of interactions updated
   * or deleted (their pre-images: evidence that may be gone).
   */
  public record Changes(Dataset<Row> interactions, Dataset<Row> orders, Dataset<Row> previousOrderCustomers,
      Dataset<Row> customers, Dataset<Row> profiles, Dataset<Row> links, Dataset<Row> campaigns,
      Dataset<Row> changedInteractionAuthors) {}

  /** The column of {@link #of} that says a person's evidence must be computed again from all their rows. */
  public static final String RECOMPUTE = "recompute";

  /**
   * The touched people: person_id ({@link People#withPerson}), customer_id (the person's customer; null for an
   * unlinked profile) and {@link #RECOMPUTE}, one row each. {@code recompute} is false for a person the night only
   * added interactions to, or whose orders or customer row changed: their stored evidence
   * ({@link PersonStages#fold}) takes the new rows as they are. It is true when evidence may have gone or moved: an
   * interaction of theirs changed or was erased, a profile's evidence changed, a link of theirs changed, or a post
   * they engaged with or a campaign they carry changed.
   *
   * @param changed the night's changes
   * @param interactions all current silver interactions (to find who engaged with a changed post or carries a
   *     changed campaign)
   * @param links the current identity links (platform, profile_id, customer_id)
   */
  public static Dataset<Row> of(Changes changed, Dataset<Row> interactions, Dataset<Row> links) {
    Dataset<Row> added = changed.interactions().select("platform", "profile_id").distinct();
    Dataset<Row> moved = changed.changedInteractionAuthors().select("platform", "profile_id")
        .union(changed.profiles().select("platform", "profile_id"))
        .union(engagersOf(changedPosts(changed.interactions()), interactions))
        .union(interactions.join(broadcast(changed.campaigns().select("campaign_id").distinct()),
            JoinKeys.of("campaign_id")).select("platform", "profile_id"))
        .distinct();
    Dataset<Row> viaProfiles = People.withPerson(added, links).select(col("person_id"), col("customer_id"),
            lit(false).as(RECOMPUTE))
        .union(People.withPerson(moved, links).select(col("person_id"), col("customer_id"), lit(true).as(RECOMPUTE)));
    Column noCustomer = lit(null).cast("string");
    Dataset<Row> customers = changed.orders().select(col("customer_id"), lit(false).as(RECOMPUTE))
        .union(changed.previousOrderCustomers().select(col("customer_id"), lit(false).as(RECOMPUTE)))
        .union(changed.customers().select(col("customer_id"), lit(false).as(RECOMPUTE)))
        .union(changed.links().select(col("customer_id"), lit(true).as(RECOMPUTE)))
        .where(col("customer_id").isNotNull())
        .select(col("customer_id").as("person_id"), col("customer_id"), col(RECOMPUTE));
    Dataset<Row> unlinked = changed.links()
        .select(People.profileKey(col("platform"), col("profile_id")).as("person_id"), noCustomer.as("customer_id"),
            lit(true).as(RECOMPUTE));
    return viaProfiles.union(customers).union(unlinked)
        .groupBy("person_id", "customer_id").agg(bool_or(col(RECOMPUTE)).as(RECOMPUTE));
  }

  /**
   * Of the profiles the night changed ({@code changed}: platform, profile_id), those whose columns the person marts
   * read ({@link PersonStages#hasFollowers}) differ between their current row before the night ({@code before}) and
   * now ({@code now}), a profile without a current row on one side counting as changed. Conform updates the activity
   * columns (last_seen, followers) of every profile seen in a day, most of which change nothing the marts show.
   *
   * @param before the current social profiles as of the marts' last run
   * @param now    the current social profiles
   */
  public static Dataset<Row> profilesWithChangedEvidence(Dataset<Row> changed, Dataset<Row> before,
      Dataset<Row> now) {
    Dataset<Row> keys = changed.select("platform", "profile_id").distinct();
    Dataset<Row> was = before.join(keys, JoinKeys.of("platform", "profile_id"), "left_semi")
        .select(col("platform"), col("profile_id"), PersonStages.hasFollowers(col("followers")).as("_was"));
    Dataset<Row> is = now.join(keys, JoinKeys.of("platform", "profile_id"), "left_semi")
        .select(col("platform"), col("profile_id"), PersonStages.hasFollowers(col("followers")).as("_is"));
    return keys.join(was, JoinKeys.of("platform", "profile_id"), "left")
        .join(is, JoinKeys.of("platform", "profile_id"), "left")
        .where(not(col("_was").eqNullSafe(col("_is"))))
        .select("platform", "profile_id");
  }

  /**
   * The changed posts other rows' campaign or touch type depends on: posts, replies and quotes that carry a campaign
   * ({@link PersonStages}' post campaigns) or are the own brand's ({@link Touchpoints#brandPosts}), keyed as
   * target_post_id names them (platform, post_id).
   */
  static Dataset<Row> changedPosts(Dataset<Row> changedInteractions) {
    return changedInteractions.where(col("interaction_type").isin("post", "reply", "quote")
            .and(col("campaign_id").isNotNull().or(Brands.isOwnBrandAccount(col("platform"), col("profile_id")))))
        .select(col("platform"), CareQueue.postId(col("interaction_id")).as("post_id"))
        .distinct();
  }

  /** The authors (platform, profile_id) of interactions that target one of {@code posts} (platform, post_id). */
  private static Dataset<Row> engagersOf(Dataset<Row> posts, Dataset<Row> interactions) {
    Dataset<Row> p = posts.select(col("platform").as("_post_platform"), col("post_id").as("_post_id"));
    return interactions.join(broadcast(p), col("platform").equalTo(col("_post_platform"))
            .and(col("target_post_id").equalTo(col("_post_id"))))
        .select("platform", "profile_id");
  }

  /** The rows of {@code rows} whose {@code column} is a touched person's id. */
  public static Dataset<Row> restrict(Dataset<Row> rows, String column, Dataset<Row> touched) {
    return rows.join(broadcast(touched.select(col("person_id").as("_touched"))),
        col(column).equalTo(col("_touched")), "left_semi");
  }
}

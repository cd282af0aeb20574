package io.socialcrm.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The attribution marts from the marts' inputs, in one call: touches of linked people ({@link Touchpoints}), the
 * paid orders' paths ({@link AttributionPaths}), the five heuristic models ({@link AttributionModels}) and the
 * Markov model ({@link MarkovAttribution}, fitted on the orders' paths and the non-converting paths), then the
 * channel totals ({@link ChannelAttribution}). Pure: Datasets in, Datasets out.
 *
 * @param attribution {@code gold.attribution} rows, conformed to their declaration
 * @param channelAttribution {@code gold.channel_attribution} rows, conformed to their declaration
 */
public record Attribution(Dataset<Row> attribution, Dataset<Row> channelAttribution) {
  /** The declared table names. */
  public static final String ATTRIBUTION = "attribution";
  public static final String CHANNEL_ATTRIBUTION = "channel_attribution";

  /** Builds both marts with the settings' lookback, half-life and position shares. */
  public static Attribution build(MartInputs in, MartSettings settings) {
    return build(People.withPerson(in.interactions(), in.links()), in, settings);
  }

  /**
   * The same from interactions already passed through {@link People#withPerson} (the marts step reuses the ones it
   * has persisted, instead of joining the links again).
   */
  public static Attribution build(Dataset<Row> interactionsWithPerson, MartInputs in, MartSettings settings) {
    Dataset<Row> touches = Touchpoints.of(interactionsWithPerson,
        Touchpoints.brandPosts(in.interactions()), in.campaigns());
    Dataset<Row> stored = AttributionPaths.stored(touches, in.orders(), settings.lookbackDays());
    Dataset<Row> attribution = credits(stored, stored, settings);
    return new Attribution(attribution,
        GoldTables.load(CHANNEL_ATTRIBUTION).conform(ChannelAttribution.of(attribution)));
  }

  /**
   * {@code gold.attribution} rows: the heuristic models' credits of the paid orders among {@code pathsToCredit}, and
   * the Markov model's credits of every paid order among {@code allPaths}, with the chain fitted on all of them
   * (orders' paths and non-converting paths). Both in the form of {@link AttributionPaths#stored}; a night passes the
   * touched customers' paths and all the stored paths, since a heuristic credit depends on its own path only but
   * the Markov fit on every path.
   */
  public static Dataset<Row> credits(Dataset<Row> pathsToCredit, Dataset<Row> allPaths, MartSettings settings) {
    Dataset<Row> orders = AttributionPaths.converting(allPaths);
    MarkovAttribution.Fit fit = MarkovAttribution.fit(orders, AttributionPaths.nonConverting(allPaths));
    return GoldTables.load(ATTRIBUTION).conform(
        AttributionModels.heuristic(AttributionPaths.converting(pathsToCredit), settings)
            .unionByName(MarkovAttribution.credit(orders, fit)));
  }
}

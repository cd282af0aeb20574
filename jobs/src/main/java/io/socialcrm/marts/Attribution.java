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
    Dataset<Row> paths = AttributionPaths.of(touches, in.orders(), settings.lookbackDays());
    Dataset<Row> nullPaths = AttributionPaths.nullPaths(touches, in.orders(), settings.lookbackDays());
    MarkovAttribution.Fit fit = MarkovAttribution.fit(paths, nullPaths);
    Dataset<Row> credited = AttributionModels.heuristic(paths, settings)
        .unionByName(MarkovAttribution.credit(paths, fit));
    Dataset<Row> attribution = GoldTables.load(ATTRIBUTION).conform(credited);
    return new Attribution(attribution,
        GoldTables.load(CHANNEL_ATTRIBUTION).conform(ChannelAttribution.of(attribution)));
  }
}

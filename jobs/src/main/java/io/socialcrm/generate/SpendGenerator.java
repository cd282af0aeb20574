package io.socialcrm.generate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Marketing spend of the brand's running campaigns per day, split into media, staff and tools, in the currency
 * of the campaign's market. Now and then the previous day's media cost is restated (a later row, same key).
 */
final class SpendGenerator {
  private SpendGenerator() {}

  static final String[] COST_TYPES = {"media", "staff", "tools"};

  record Row(Campaign campaign, int spendDay, String costType, BigDecimal amount, String currency, long updatedAt) {}

  static List<Row> rowsOn(World w, int day) {
    List<Row> out = new ArrayList<>();
    for (Campaign c : w.campaigns) {
      if (c.brand() != 0 || !c.runsOn(day, w.date(day))) {
        continue;
      }
      SplittableRandom r = Rng.of(w.seed, Rng.SPEND, c.index(), day);
      long updated = Times.seconds(w.dayStart(day) + 23 * Times.HOUR + r.nextLong(50 * Times.MINUTE));
      for (String type : COST_TYPES) {
        out.add(new Row(c, day, type, amount(w, c, type, day, 0), currency(c), updated));
      }
      if (day > 0 && c.runsOn(day - 1, w.date(day - 1)) && r.nextDouble() < 0.05) {
        out.add(new Row(c, day - 1, "media", amount(w, c, "media", day - 1, 1), currency(c),
            updated + Times.MINUTE));
      }
    }
    return out;
  }

  private static BigDecimal amount(World w, Campaign c, String type, int day, int revision) {
    SplittableRandom r = Rng.of(w.seed, Rng.SPEND, c.index(), day, type.hashCode() + revision);
    double scale = w.sizes.moneyScale();
    boolean alwaysOn = c.utmCampaign().contains("always_on");
    double eur = switch (type) {
      case "media" -> (alwaysOn ? 60 : 180) * scale * Rng.lognormalWeight(r, 0.4);
      case "staff" -> 90 * Math.sqrt(scale) * Rng.lognormalWeight(r, 0.2);
      default -> 15 * Math.sqrt(scale) * Rng.lognormalWeight(r, 0.1);
    };
    double rate = switch (currency(c)) {
      case "PLN" -> 4.3;
      case "USD" -> 1.08;
      case "GBP" -> 0.86;
      default -> 1;
    };
    return BigDecimal.valueOf(Math.round(eur * rate * 100), 2);
  }

  static String currency(Campaign c) {
    return switch (c.market()) {
      case "PL" -> "PLN";
      case "GB" -> "GBP";
      case "US" -> "USD";
      default -> "EUR";
    };
  }
}

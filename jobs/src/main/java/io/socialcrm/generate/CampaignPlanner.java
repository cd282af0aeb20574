package io.socialcrm.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plans the campaigns of the brand and its competitors for the whole period (a small, fixed list held by the
 * {@link World}). Every day after the first has at least one campaign row (a new campaign or a change), so the
 * campaigns input lands daily.
 */
final class CampaignPlanner {
  private CampaignPlanner() {}

  private record Theme(String name, String slug, String path, String promoWord) {}

  private static final List<Theme> EN = List.of(
      new Theme("Spring Rain Jackets", "spring_rain", "rain-jackets", "SPRING"),
      new Theme("Trail Running Week", "trail_week", "trail-running", "TRAIL"),
      new Theme("Summer Camping", "summer_camping", "camping", "CAMP"),
      new Theme("Back to the Mountains", "back_mountains", "hiking", "PEAK"),
      new Theme("Winter Down Sale", "winter_down", "down-jackets", "WARM"));
  private static final List<Theme> ES = List.of(
      new Theme("Rebajas de Primavera", "rebajas_primavera", "rebajas", "PRIMAVERA"),
      new Theme("Semana del Senderismo", "semana_senderismo", "senderismo", "SENDA"),
      new Theme("Verano en la Montaña", "verano_montana", "montana", "VERANO"),
      new Theme("Vuelta a la Sierra", "vuelta_sierra", "sierra", "SIERRA"));
  private static final List<Theme> PL = List.of(
      new Theme("Wiosenna Wyprzedaż", "wiosenna_wyprzedaz", "wyprzedaz", "WIOSNA"),
      new Theme("Tydzień Trekkingu", "tydzien_trekkingu", "trekking", "TREK"),
      new Theme("Lato w Górach", "lato_w_gorach", "gory", "LATO"),
      new Theme("Zimowa Promocja Puchówek", "zimowe_puchowki", "puchowki", "ZIMA"));

  private static final String[] MARKETS = {"ES", "PL", "GB", "US", "ALL"};
  private static final String[] OBJECTIVES = {"awareness", "consideration", "conversion", "care"};
  private static final String[] PLATFORMS = {"x", "facebook", "linkedin", "multi", "multi", "x", "facebook"};
  private static final String[] PREFIX = {"nw", "ak", "so"};

  static List<Campaign> plan(long seed, LocalDate start, int days) {
    SplittableRandom r = Rng.of(seed, Rng.CAMPAIGN, 0);
    List<Draft> drafts = new ArrayList<>();
    for (int brand = 0; brand < Brands.ALL.size(); brand++) {
      drafts.add(alwaysOn(brand, start, days, r));
      int count = brand == 0 ? 4 + days / 4 : 1 + days / 10;
      for (int i = 0; i < count; i++) {
        drafts.add(regular(brand, start, days, r));
      }
    }
    for (Draft d : drafts) {
      if (d.brand == 0 && !d.alwaysOn && r.nextDouble() < 0.25) {
        d.addRandomChange(start, days, r);
      }
    }
    // Every day after the first gets at least one row: a change to a running brand campaign.
    for (int day = 1; day < days; day++) {
      final int today = day;
      boolean hasRow = drafts.stream().anyMatch(d -> d.versions.stream().anyMatch(v -> v.day() == today));
      if (!hasRow) {
        List<Draft> running = drafts.stream().filter(d -> d.brand == 0 && d.lastDay() < today
            && !d.lastEnd().isBefore(start.plusDays(today))).toList();
        Draft target = running.isEmpty() ? drafts.get(0) : running.get(r.nextInt(running.size()));
        target.addChange(today, start, r);
      }
    }
    drafts.sort(Comparator.comparingInt(Draft::createdDay).thenComparingLong(d -> d.versions.get(0).updatedAt()));
    List<Campaign> campaigns = new ArrayList<>();
    Set<String> utms = new HashSet<>();
    for (Draft d : drafts) {
      int index = campaigns.size();
      String base = PREFIX[d.brand] + "_" + d.theme.slug() + "_" + d.startDate.getYear() + "_"
          + d.market.toLowerCase(Locale.ROOT);
      String utm = base;
      for (int n = 2; !utms.add(utm); n++) {
        utm = base + "_" + n;
      }
      String promo = d.brand == 0 && !d.alwaysOn ? d.theme.promoWord() + (10 + 5 * r.nextInt(3)) : null;
      campaigns.add(new Campaign(index, d.brand, d.platform, d.market, d.lang, utm,
          d.alwaysOn ? null : d.theme.name(), promo, d.theme.path(),
          d.startDate, List.copyOf(d.versions)));
    }
    return List.copyOf(campaigns);
  }

  private static Draft alwaysOn(int brand, LocalDate start, int days, SplittableRandom r) {
    String market = brand == 2 ? "ES" : "ALL";
    Theme theme = new Theme(Brands.get(brand).name() + " Always-On", "always_on", "", "");
    Draft d = new Draft(brand, "multi", market, langOf(market, brand, r), theme, true, start.minusDays(90));
    long updated = Times.seconds(Times.startOf(start.minusDays(60)) + r.nextLong(Times.DAY));
    d.versions.add(new Campaign.Version(-1, updated, theme.name(), "awareness", start.plusDays(days + 120)));
    return d;
  }

  private static Draft regular(int brand, LocalDate start, int days, SplittableRandom r) {
    String market = Rng.pick(r, MARKETS);
    String lang = langOf(market, brand, r);
    List<Theme> themes = lang.equals("es") ? ES : lang.equals("pl") ? PL : EN;
    Theme theme = themes.get(r.nextInt(themes.size()));
    int startDay = r.nextInt(days + 20) - 20;
    int length = 10 + r.nextInt(35);
    LocalDate startDate = start.plusDays(startDay);
    int createdDay = startDay - 3 - r.nextInt(8);
    String platform = Rng.pick(r, PLATFORMS);
    if (brand == 0 && platform.equals("linkedin") && !market.equals("ALL")) {
      platform = "multi";
    }
    Draft d = new Draft(brand, platform, market, lang, theme, false, startDate);
    int day = createdDay < 0 ? -1 : createdDay;
    long updated = day < 0 ? Times.startOf(start.plusDays(createdDay)) + r.nextLong(Times.DAY)
        : Times.startOf(start.plusDays(day)) + 8 * Times.HOUR + r.nextLong(10 * Times.HOUR);
    String name = Brands.get(brand).name() + " " + theme.name() + " " + market;
    d.versions.add(new Campaign.Version(day, Times.seconds(updated), name, Rng.pick(r, OBJECTIVES),
        startDate.plusDays(length)));
    return d;
  }

  private static String langOf(String market, int brand, SplittableRandom r) {
    return switch (market) {
      case "ES" -> "es";
      case "PL" -> "pl";
      case "GB", "US" -> "en";
      default -> brand == 2 ? "es" : new String[] {"en", "es", "pl"}[r.nextInt(3)];
    };
  }

  /** A campaign under construction: its fixed attributes and the versions made so far. */
  private static final class Draft {
    final int brand;
    final String platform;
    final String market;
    final String lang;
    final Theme theme;
    final boolean alwaysOn;
    final LocalDate startDate;
    final List<Campaign.Version> versions = new ArrayList<>();

    Draft(int brand, String platform, String market, String lang, Theme theme, boolean alwaysOn,
        LocalDate startDate) {
      this.brand = brand;
      this.platform = platform;
      this.market = market;
      this.lang = lang;
      this.theme = theme;
      this.alwaysOn = alwaysOn;
      this.startDate = startDate;
    }

    int createdDay() {
      return versions.get(0).day();
    }

    int lastDay() {
      return versions.get(versions.size() - 1).day();
    }

    LocalDate lastEnd() {
      return versions.get(versions.size() - 1).endDate();
    }

    void addRandomChange(LocalDate windowStart, int days, SplittableRandom r) {
      int from = Math.max(1, createdDay() + 1);
      if (from < days) {
        addChange(from + r.nextInt(days - from), windowStart, r);
      }
    }

    /** A new version on the given day: the end date extended, the campaign renamed or its objective changed. */
    void addChange(int day, LocalDate windowStart, SplittableRandom r) {
      Campaign.Version last = versions.get(versions.size() - 1);
      if (last.day() >= day) {
        return;
      }
      long updated = Times.startOf(windowStart.plusDays(day)) + 9 * Times.HOUR + r.nextLong(9 * Times.HOUR);
      String name = last.name();
      String objective = last.objective();
      LocalDate end = last.endDate();
      switch (r.nextInt(3)) {
        case 0 -> end = end.plusDays(7 + r.nextInt(15));
        case 1 -> name = name.endsWith(" (ext)") ? name : name + " (ext)";
        default -> objective = objective.equals("conversion") ? "consideration" : "conversion";
      }
      versions.add(new Campaign.Version(day, Times.seconds(updated), name, objective, end));
    }
  }
}

package io.socialcrm.generate;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.List;

/**
 * A marketing campaign of one of the {@link Brands}. Its CRM row changes over time: each {@link Version} is one
 * row of the {@code campaigns} table, landing on the day it was made (day -1: before the period, so it lands in
 * the first day's dump). {@code theme} is what posts call it (null for always-on campaigns).
 */
record Campaign(
    int index,
    int brand,
    String platform,
    String market,
    String lang,
    String utmCampaign,
    String theme,
    String promoCode,
    String landingPath,
    LocalDate startDate,
    List<Version> versions) implements Serializable {

  record Version(int day, long updatedAt, String name, String objective, LocalDate endDate)
      implements Serializable {}

  String id() {
    return Ids.campaignId(index);
  }

  Brands.Brand brandInfo() {
    return Brands.get(brand);
  }

  int createdDay() {
    return versions.get(0).day();
  }

  /** The row as known on the given day, or null when the campaign did not exist yet. */
  Version asOf(int day) {
    Version current = null;
    for (Version v : versions) {
      if (v.day() <= day) {
        current = v;
      }
    }
    return current;
  }

  boolean runsOn(int day, LocalDate date) {
    Version v = asOf(day);
    return v != null && !date.isBefore(startDate) && !date.isAfter(v.endDate());
  }

  boolean postsOn(String onPlatform) {
    return platform.equals(onPlatform) || platform.equals("multi");
  }

  /** The campaign's landing-page link with its UTM parameters, as shared on the given platform. */
  String link(String onPlatform, boolean paid) {
    return "https://" + brandInfo().domain() + "/" + lang + "/" + landingPath + "?utm_source=" + onPlatform
        + "&utm_medium=" + (paid ? "paid_social" : "social") + "&utm_campaign=" + utmCampaign;
  }
}

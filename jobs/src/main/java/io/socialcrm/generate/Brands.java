package io.socialcrm.generate;

import java.util.List;

/**
 * The fictional brand and its two competitors, shared by the generator and the later stages (share of voice,
 * campaigns, affinity). Each has an X account, a Facebook page and a LinkedIn organisation page; {@code name} is
 * the value of {@code campaigns.brand}, {@code facebookPageName} of {@code facebook_posts.page_name} and
 * {@code linkedinOrganization} of {@code linkedin_posts.organization} / {@code linkedin_followers.organization}.
 */
public final class Brands {
  private Brands() {}

  /** One brand's identities on every platform. */
  public record Brand(
      String name,
      String xHandle,
      String xUserId,
      String facebookPageId,
      String facebookPageName,
      String linkedinOrganization,
      String domain,
      String hashtag) {}

  /** The brand socialcrm works for: outdoor clothing and gear sold in Spain, Poland, the UK, the US, Germany. */
  public static final Brand NORDWIND = new Brand(
      "Nordwind", "nordwind", "1187654321", "104857600123456", "Nordwind", "Nordwind", "nordwind.com", "nordwind");
  /** German competitor. */
  public static final Brand ALPENKRAFT = new Brand(
      "Alpenkraft", "alpenkraft", "2298765432", "106123450987654", "Alpenkraft", "Alpenkraft GmbH",
      "alpenkraft.de", "alpenkraft");
  /** Spanish competitor. */
  public static final Brand SOLIDO = new Brand(
      "Sólido", "solido_outdoor", "3314159265", "107000123456789", "Sólido Outdoor", "Sólido Outdoor S.L.",
      "solido.es", "solido");

  /** The brand itself. */
  public static final Brand BRAND = NORDWIND;
  /** The competitors, in a fixed order. */
  public static final List<Brand> COMPETITORS = List.of(ALPENKRAFT, SOLIDO);
  /** The brand first, then the competitors; the index in this list is the brand index used by the generator. */
  public static final List<Brand> ALL = List.of(NORDWIND, ALPENKRAFT, SOLIDO);

  static Brand get(int index) {
    return ALL.get(index);
  }
}

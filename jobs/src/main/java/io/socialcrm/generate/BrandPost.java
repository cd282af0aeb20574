package io.socialcrm.generate;

/**
 * A post of a brand's own account, page or organisation (the posts people reply to, react to and click).
 *
 * @param number Facebook: the post number (after the page id); other platforms: unused
 */
record BrandPost(int platform, int brand, int day, int k, String id, long number, long time, Campaign campaign,
    boolean paid, String lang) {

  Brands.Brand brandInfo() {
    return Brands.get(brand);
  }

  String campaignId() {
    return campaign == null ? null : campaign.id();
  }

  /** The UTM link the post shares, or null for posts outside campaigns. */
  String link() {
    return campaign == null ? null : campaign.link(ProfileCore.PLATFORM_NAMES[platform], paid);
  }
}

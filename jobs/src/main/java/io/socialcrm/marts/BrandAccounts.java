package io.socialcrm.marts;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.conform.Brands;
import org.apache.spark.sql.Column;

/**
 * The tracked brands' own accounts (own brand and competitors, from {@code schemas/reference/brands.json}) as
 * Column expressions, so marts can tell a brand account's own posts and follows from the public's without a join.
 * Covers every platform, including LinkedIn organization pages, which {@code social_profiles.is_brand} does not
 * flag (organizations are not profiles there).
 */
public final class BrandAccounts {
  private BrandAccounts() {}

  /** The brand whose account is (platform, profile_id): X user id, Facebook page id, LinkedIn organization; else null. */
  public static Column brandOf(Column platform, Column profileId) {
    return when(platform.equalTo("x"), Brands.brandOfXUserId(profileId))
        .when(platform.equalTo("facebook"), Brands.brandOfFacebookPage(profileId))
        .when(platform.equalTo("linkedin"), Brands.brandOfLinkedinOrganization(profileId))
        .otherwise(lit(null).cast("string"));
  }

  /** True when (platform, profile_id) is a tracked brand's account. */
  public static Column isBrandAccount(Column platform, Column profileId) {
    return brandOf(platform, profileId).isNotNull();
  }

  /** True when (platform, profile_id) is the own brand's account. */
  public static Column isOwnBrandAccount(Column platform, Column profileId) {
    return Brands.isOwnBrand(brandOf(platform, profileId));
  }
}

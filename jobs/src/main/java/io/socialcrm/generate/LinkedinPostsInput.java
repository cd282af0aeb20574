package io.socialcrm.generate;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** linkedin_posts: the organisations' posts of the day with their metrics. */
final class LinkedinPostsInput extends LandingInput<BrandPost> {
  private static final long serialVersionUID = 1L;

  LinkedinPostsInput() {
    super("linkedin_posts", Format.CSV, List.of("post_urn", "organization", "created_date", "commentary", "link",
        "impressions", "clicks", "likes", "comments", "reposts"));
  }

  @Override
  double recordsPerDay(World w) {
    return 2;
  }

  @Override
  List<BrandPost> items(World w, int day, int file, int files) {
    return BrandContent.allPosts(w, ProfileCore.LINKEDIN, day).stream()
        .sorted(Comparator.comparingLong(BrandPost::time).thenComparing(BrandPost::id)).toList();
  }

  @Override
  Object render(World w, BrandPost post) {
    String link = post.link();
    String shown = link == null ? null : link.substring("https://".length(), link.indexOf('?'));
    SplittableRandom r = Rng.of(w.seed, Rng.BRAND_POST, 300 + post.brand(), post.day(), post.k());
    long impressions = (long) (Rng.lognormalWeight(r, 0.5) * 3_000 * Math.sqrt(w.sizes.moneyScale()));
    long clicks = link == null ? Rng.poisson(r, impressions * 0.002) : Rng.poisson(r, impressions * 0.012);
    long likes = Rng.poisson(r, impressions * 0.02);
    return new String[] {post.id(), post.brandInfo().linkedinOrganization(), Times.linkedin(post.time()),
        BrandContent.text(w, post, shown), link, Long.toString(impressions), Long.toString(Math.min(clicks,
        impressions)), Long.toString(likes), Long.toString(Rng.poisson(r, likes * 0.1)),
        Long.toString(Rng.poisson(r, likes * 0.05))};
  }
}

package io.socialcrm.generate;

import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** facebook_posts: the brand's and competitors' page posts of the day, with their metrics and UTM links. */
final class FacebookPostsInput extends LandingInput<BrandPost> {
  private static final long serialVersionUID = 1L;

  FacebookPostsInput() {
    super("facebook_posts", Format.CSV, List.of("post_id", "page_id", "page_name", "created_time", "message",
        "permalink_url", "link", "reactions", "comments", "shares", "reach"));
  }

  @Override
  double recordsPerDay(World w) {
    return 4;
  }

  @Override
  List<BrandPost> items(World w, int day, int file, int files) {
    return BrandContent.allPosts(w, ProfileCore.FACEBOOK, day).stream()
        .sorted(Comparator.comparingLong(BrandPost::time).thenComparing(BrandPost::id)).toList();
  }

  @Override
  boolean defectEligible(World w, BrandPost item) {
    return false;
  }

  @Override
  Object render(World w, BrandPost post) {
    Brands.Brand b = post.brandInfo();
    String link = post.link();
    String shown = link == null ? null : "👉 " + link.substring("https://".length(), link.indexOf('?'));
    String message = BrandContent.text(w, post, shown);
    SplittableRandom r = Rng.of(w.seed, Rng.BRAND_POST, 200 + post.brand(), post.day(), post.k());
    long reach = (long) (Rng.lognormalWeight(r, 0.6) * 8_000 * Math.sqrt(w.sizes.moneyScale()));
    long reactions = Rng.poisson(r, reach * 0.03);
    return new String[] {post.id(), b.facebookPageId(), b.facebookPageName(), Times.facebook(post.time()), message,
        "https://www.facebook.com/" + b.facebookPageId() + "/posts/" + post.number(), link,
        Long.toString(reactions), Long.toString(Rng.poisson(r, reactions * 0.2)),
        Long.toString(Rng.poisson(r, reactions * 0.05)), Long.toString(reach)};
  }
}

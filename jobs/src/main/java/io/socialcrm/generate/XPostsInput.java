package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * x_posts: people's posts (per account, the file's share of accounts), the brands' own posts (file 0), complaint
 * posts and the brand's care replies, in time order.
 */
final class XPostsInput extends LandingInput<XPostsInput.Item> {
  private static final long serialVersionUID = 1L;

  static final int USER = 0;
  static final int BRAND = 1;
  static final int COMPLAINT = 2;
  static final int CARE_REPLY = 3;

  /** A post to write: its source kind and indexes ({@code a}: profile, brand or complaint day). */
  record Item(int source, int a, int b, int c, long time, String id) {}

  XPostsInput() {
    super("x_posts", Format.JSONL, List.of("id", "author_id", "created_at", "text", "lang", "conversation_id",
        "in_reply_to_user_id", "referenced_tweets", "entities", "retweet_count", "reply_count", "like_count",
        "quote_count", "impression_count", "includes_users"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.sizes.xPostsPerDay();
  }

  @Override
  List<Item> items(World w, int day, int file, int files) {
    List<Item> items = new ArrayList<>();
    for (int p = file; p < w.profiles; p += files) {
      ProfileCore pc = ProfileCore.of(w, p);
      if (pc.platform() != ProfileCore.X) {
        continue;
      }
      int n = XActivity.count(w, pc, day);
      for (int j = 0; j < n; j++) {
        XActivity.Plan plan = XActivity.plan(w, pc, day, j, false);
        items.add(new Item(USER, p, day, j, plan.time(), plan.id()));
      }
    }
    if (file == 0) {
      for (BrandPost post : BrandContent.allPosts(w, ProfileCore.X, day)) {
        items.add(new Item(BRAND, post.brand(), day, post.k(), post.time(), post.id()));
      }
    }
    Complaints.forDay(w, ProfileCore.X, day, file, files,
        (answer, complaintDay, k, time, id) -> items.add(new Item(answer ? CARE_REPLY : COMPLAINT, complaintDay, k, 0, time, id)));
    items.sort(Comparator.comparingLong(Item::time).thenComparing(Item::id));
    return items;
  }

  @Override
  boolean defectEligible(World w, Item item) {
    return item.source() == USER && w.ownerOf(item.a()) < 0;
  }

  @Override
  Object render(World w, Item item) {
    return switch (item.source()) {
      case USER -> XPosts.user(w, XActivity.plan(w, ProfileCore.of(w, item.a()), item.b(), item.c(), true));
      case BRAND -> XPosts.brand(w, BrandContent.posts(w, ProfileCore.X, item.a(), item.b()).get(item.c()));
      case COMPLAINT -> XPosts.complaint(w, Complaints.get(w, ProfileCore.X, item.a(), item.b()));
      default -> XPosts.careReply(w, Complaints.get(w, ProfileCore.X, item.a(), item.b()));
    };
  }
}

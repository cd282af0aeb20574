package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/** facebook_comments: people's comments on page posts, complaint comments and the page's replies to them. */
final class FacebookCommentsInput extends LandingInput<FacebookCommentsInput.Item> {
  private static final long serialVersionUID = 1L;

  static final int USER = 0;
  static final int COMPLAINT = 1;
  static final int PAGE_REPLY = 2;

  private static final Texts.Kind[] KINDS = {Texts.Kind.REPLY_POSITIVE, Texts.Kind.REPLY_NEGATIVE,
      Texts.Kind.REPLY_QUESTION, Texts.Kind.INTENT, Texts.Kind.POSITIVE, Texts.Kind.NEGATIVE, Texts.Kind.COMPARE};
  private static final double[] WEIGHTS = {0.3, 0.1, 0.2, 0.12, 0.15, 0.06, 0.07};

  /** A comment to write: source kind, (profile, day, j) or (complaint day, k). */
  record Item(int source, int a, int b, int c, long time, String id) {}

  FacebookCommentsInput() {
    super("facebook_comments", Format.CSV, List.of("comment_id", "post_id", "parent_comment_id", "author_id",
        "author_name", "created_time", "message", "like_count"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.sizes.facebookCommentsPerDay();
  }

  @Override
  List<Item> items(World w, int day, int file, int files) {
    List<Item> items = new ArrayList<>();
    for (int p = file; p < w.profiles; p += files) {
      ProfileCore pc = ProfileCore.of(w, p);
      if (pc.platform() != ProfileCore.FACEBOOK) {
        continue;
      }
      for (FacebookActivity.Comment c : FacebookActivity.comments(w, pc, day)) {
        items.add(new Item(USER, p, day, c.j(), c.time(), c.id()));
      }
    }
    Complaints.forDay(w, ProfileCore.FACEBOOK, day, file, files,
        (answer, complaintDay, k, time, id) -> items.add(new Item(answer ? PAGE_REPLY : COMPLAINT, complaintDay, k, 0, time, id)));
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
      case USER -> user(w, item);
      case COMPLAINT -> complaint(w, Complaints.get(w, ProfileCore.FACEBOOK, item.a(), item.b()));
      default -> pageReply(w, Complaints.get(w, ProfileCore.FACEBOOK, item.a(), item.b()));
    };
  }

  private static String[] user(World w, Item item) {
    ProfileCore pc = ProfileCore.of(w, item.a());
    FacebookActivity.Comment c = FacebookActivity.comments(w, pc, item.b()).get(item.c());
    Profile author = ProfileGenerator.profile(w, item.a());
    SplittableRandom r = c.r();
    Texts.Kind kind = KINDS[Rng.weighted(r, WEIGHTS)];
    int brand = c.post().brand();
    Texts.Slots slots = new Texts.Slots(brand, brand == 0 ? 1 + r.nextInt(2) : 0, pc.person(w).city().local(),
        null, null, null, null, null, null);
    String text = Texts.text(r, kind, pc.lang(w), slots, true);
    return row(c.id(), c.post().id(), null, author.userId(), author.displayName(), c.time(), text,
        Rng.poisson(r, 1.5));
  }

  private static String[] complaint(World w, Complaints.Complaint c) {
    ProfileCore pc = ProfileCore.of(w, c.profile());
    Profile author = ProfileGenerator.profile(w, c.profile());
    SplittableRandom r = Rng.of(w.seed, Rng.COMPLAINT, 10 + c.platform(), c.day(), c.k());
    Texts.Slots slots = new Texts.Slots(0, 1, pc.person(w).city().local(), c.orderNumber(), null, null, null, null,
        null);
    String text = Texts.text(r, Texts.Kind.COMPLAINT, pc.lang(w), slots, true);
    return row(c.id(), c.post().id(), null, author.userId(), author.displayName(), c.time(), text,
        Rng.poisson(r, 3));
  }

  private static String[] pageReply(World w, Complaints.Complaint c) {
    ProfileCore pc = ProfileCore.of(w, c.profile());
    Profile author = ProfileGenerator.profile(w, c.profile());
    SplittableRandom r = Rng.of(w.seed, Rng.COMPLAINT, 20 + c.platform(), c.day(), c.k());
    String firstName = author.displayName().split(" ")[0];
    Texts.Slots slots = new Texts.Slots(0, 1, null, null, null, null, null, null, firstName);
    String text = Texts.text(r, Texts.Kind.CARE_REPLY_PAGE, pc.lang(w), slots, false);
    Brands.Brand b = Brands.BRAND;
    return row(c.responseId(), c.post().id(), c.id(), b.facebookPageId(), b.facebookPageName(), c.responseAt(),
        text, r.nextInt(3));
  }

  private static String[] row(String id, String postId, String parent, String authorId, String authorName, long time,
      String message, long likes) {
    return new String[] {id, postId, parent, authorId, authorName, Times.facebook(time), message,
        Long.toString(likes)};
  }
}

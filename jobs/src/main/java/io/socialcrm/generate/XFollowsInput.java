package io.socialcrm.generate;

import java.util.List;

/** x_follows: follow and unfollow events of X accounts towards the brands' accounts, in time order. */
final class XFollowsInput extends LandingInput<Follows.Event> {
  private static final long serialVersionUID = 1L;

  XFollowsInput() {
    super("x_follows", Format.JSONL, List.of("follower_id", "follower_username", "target_user_id",
        "target_username", "event", "event_time"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.profiles * 0.6 * 0.4 * 0.3 / Math.max(1, w.days);
  }

  @Override
  List<Follows.Event> items(World w, int day, int file, int files) {
    return Follows.forDay(w, day, file, files, (pc, d) -> Follows.x(w, pc, d));
  }

  @Override
  boolean defectEligible(World w, Follows.Event item) {
    return w.ownerOf(item.profile()) < 0;
  }

  @Override
  Object render(World w, Follows.Event e) {
    Profile follower = ProfileGenerator.profile(w, e.profile());
    Brands.Brand target = Brands.get(e.brand());
    return Json.obj(
        "follower_id", follower.userId(),
        "follower_username", follower.handle(),
        "target_user_id", target.xUserId(),
        "target_username", target.xHandle(),
        "event", e.follow() ? "follow" : "unfollow",
        "event_time", Times.x(e.time()));
  }
}

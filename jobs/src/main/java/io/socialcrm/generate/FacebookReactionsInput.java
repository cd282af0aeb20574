package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** facebook_reactions: reactions of people to page posts of the same day. */
final class FacebookReactionsInput extends LandingInput<FacebookActivity.Reaction> {
  private static final long serialVersionUID = 1L;

  FacebookReactionsInput() {
    super("facebook_reactions", Format.CSV, List.of("post_id", "user_id", "user_name", "reaction_type",
        "reacted_time"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.sizes.facebookReactionsPerDay();
  }

  @Override
  List<FacebookActivity.Reaction> items(World w, int day, int file, int files) {
    List<FacebookActivity.Reaction> items = new ArrayList<>();
    for (int p = file; p < w.profiles; p += files) {
      ProfileCore pc = ProfileCore.of(w, p);
      if (pc.platform() == ProfileCore.FACEBOOK) {
        items.addAll(FacebookActivity.reactions(w, pc, day));
      }
    }
    items.sort(Comparator.comparingLong(FacebookActivity.Reaction::time)
        .thenComparingInt(FacebookActivity.Reaction::profile).thenComparing(r -> r.post().id()));
    return items;
  }

  @Override
  boolean defectEligible(World w, FacebookActivity.Reaction item) {
    return w.ownerOf(item.profile()) < 0;
  }

  @Override
  Object render(World w, FacebookActivity.Reaction r) {
    Profile user = ProfileGenerator.profile(w, r.profile());
    return new String[] {r.post().id(), user.userId(), user.displayName(), r.type(), Times.facebook(r.time())};
  }
}

package io.socialcrm.generate;

import java.util.List;

/** linkedin_followers: members who started following an organisation page that day. */
final class LinkedinFollowersInput extends LandingInput<Follows.Event> {
  private static final long serialVersionUID = 1L;

  LinkedinFollowersInput() {
    super("linkedin_followers", Format.CSV, List.of("follower_urn", "member_name", "headline", "location",
        "profile_url", "organization", "followed_date"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.profiles * 0.1 * 1.2 / Math.max(1, w.days);
  }

  @Override
  List<Follows.Event> items(World w, int day, int file, int files) {
    return Follows.forDay(w, day, file, files, (pc, d) -> Follows.linkedin(w, pc, d));
  }

  @Override
  boolean defectEligible(World w, Follows.Event item) {
    return w.ownerOf(item.profile()) < 0;
  }

  @Override
  Object render(World w, Follows.Event e) {
    Profile member = ProfileGenerator.profile(w, e.profile());
    return new String[] {member.userId(), member.displayName(), member.headline(), member.location(),
        member.profileUrl(), Brands.get(e.brand()).linkedinOrganization(), Times.linkedin(e.time())};
  }
}

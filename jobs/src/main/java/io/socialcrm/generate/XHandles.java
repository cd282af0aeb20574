package io.socialcrm.generate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * X keeps usernames unique (case-insensitively): someone who picks a name already taken adds digits until it is
 * free. The generator picks each account's handle on its own, so common picks ("maria_garcia", "lunallena") land on
 * many accounts; this pass gives each taken pick to the oldest account (lowest index) and renames the rest.
 */
final class XHandles {
  private XHandles() {}

  static final int MAX_LENGTH = 15;

  /** The renamed handles by profile; every X account's handle is then unique among the world's X accounts. */
  static Map<Integer, String> resolve(World w) {
    String[] chosen = new String[w.profiles];
    IntStream.range(0, w.profiles).parallel().forEach(p -> {
      if (ProfileCore.of(w, p).platform() == ProfileCore.X) {
        chosen[p] = ProfileGenerator.profile(w, p).handle();
      }
    });
    Set<String> wanted = new HashSet<>();
    for (String h : chosen) {
      if (h != null) {
        wanted.add(h.toLowerCase(Locale.ROOT));
      }
    }
    Set<String> taken = new HashSet<>();
    Map<Integer, String> renamed = new HashMap<>();
    for (int p = 0; p < chosen.length; p++) {
      if (chosen[p] == null) {
        continue;
      }
      if (taken.add(chosen[p].toLowerCase(Locale.ROOT))) {
        continue;
      }
      SplittableRandom r = Rng.of(w.seed, Rng.X_HANDLE, p);
      String handle;
      int digits = 2;
      for (int attempt = 1; ; attempt++) {
        handle = withDigits(chosen[p], r, digits);
        String key = handle.toLowerCase(Locale.ROOT);
        if (!wanted.contains(key) && taken.add(key)) {
          break;
        }
        if (attempt % 5 == 0 && digits < 6) {
          digits++;
        }
      }
      renamed.put(p, handle);
    }
    return renamed;
  }

  /** The pick with {@code digits} random digits appended, the pick cut so the whole fits X's 15 characters. */
  static String withDigits(String pick, SplittableRandom r, int digits) {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < digits; i++) {
      suffix.append((char) ('0' + r.nextInt(10)));
    }
    int room = MAX_LENGTH - digits;
    return (pick.length() > room ? pick.substring(0, room) : pick) + suffix;
  }
}

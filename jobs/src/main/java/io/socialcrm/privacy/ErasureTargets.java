package io.socialcrm.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every identifier one erasure removes: the customer ids and, per platform, the profile ids (the requested
 * subject plus, for a customer, every profile ever linked to them).
 */
public record ErasureTargets(List<String> customerIds, Map<String, List<String>> profileIds) {

  public static ErasureTargets of(List<ErasureSubject> subjects) {
    TreeSet<String> customers = new TreeSet<>();
    Map<String, TreeSet<String>> profiles = new TreeMap<>();
    for (ErasureSubject s : subjects) {
      if (s.kind() == ErasureSubject.Kind.CUSTOMER) {
        customers.add(s.id());
      } else {
        profiles.computeIfAbsent(s.platform(), k -> new TreeSet<>()).add(s.id());
      }
    }
    Map<String, List<String>> p = new TreeMap<>();
    profiles.forEach((k, v) -> p.put(k, List.copyOf(v)));
    return new ErasureTargets(List.copyOf(customers), Map.copyOf(p));
  }

  public List<String> profiles(String platform) {
    return profileIds.getOrDefault(platform, List.of());
  }

  /** Every id, customers and profiles of every platform. */
  public List<String> allIds() {
    List<String> out = new ArrayList<>(customerIds);
    profileIds.values().forEach(out::addAll);
    return out;
  }

  /** {@code platform:profile_id} of every profile, as silver's {@code profile_key} spells it. */
  public List<String> profileKeys() {
    List<String> out = new ArrayList<>();
    profileIds.forEach((platform, ids) -> ids.forEach(id -> out.add(platform + ":" + id)));
    return out;
  }
}

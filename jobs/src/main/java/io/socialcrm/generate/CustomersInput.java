package io.socialcrm.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * customers: the first day holds every customer created before the period (the initial dump); each day adds the
 * customers created that day and the ones whose record changed (with a later updated_at).
 */
final class CustomersInput extends LandingInput<CustomersInput.Item> {
  private static final long serialVersionUID = 1L;

  /** A customer row: the customer and whether it is the changed version. */
  record Item(int customer, boolean changed, long updatedAt) {}

  CustomersInput() {
    super("customers", Format.CSV, List.of("customer_id", "first_name", "last_name", "email", "phone", "city",
        "country", "x_handle", "facebook_profile", "linkedin_profile", "segment", "language", "created_at",
        "updated_at"));
  }

  @Override
  double recordsPerDay(World w) {
    return w.initialCustomers;
  }

  @Override
  List<Item> items(World w, int day, int file, int files) {
    List<Item> items = new ArrayList<>();
    int existing = w.initialCustomers + w.newCustomersPerDay * day;
    if (day == 0) {
      for (int c = file; c < w.initialCustomers; c += files) {
        items.add(new Item(c, false, 0));
      }
    }
    for (int c = existing + Math.floorMod(file - existing, files); c < existing + w.newCustomersPerDay; c += files) {
      items.add(new Item(c, false, 0));
    }
    for (int c = file; c < existing; c += files) {
      if (CustomerGenerator.changeDay(w, c) == day) {
        items.add(new Item(c, true, 0));
      }
    }
    return items.stream().map(i -> new Item(i.customer(), i.changed(), customer(w, i).updatedAt()))
        .sorted(Comparator.comparingLong(Item::updatedAt).thenComparingInt(Item::customer)).toList();
  }

  /** Defects hit customers without social accounts, so every truth link keeps a clean customer row. */
  @Override
  boolean defectEligible(World w, Item item) {
    return w.profilesOf(item.customer()).length == 0;
  }

  private static Customer customer(World w, Item item) {
    Customer base = CustomerGenerator.base(w, item.customer());
    return item.changed() ? CustomerGenerator.changed(w, base, CustomerGenerator.changeDay(w, item.customer()))
        : base;
  }

  @Override
  Object render(World w, Item item) {
    Customer c = customer(w, item);
    return new String[] {c.id(), c.firstName(), c.lastName(), c.email(), c.phone(), c.city(), c.country(),
        c.xHandle(), c.facebookProfile(), c.linkedinProfile(), c.segment(), c.language(), Times.crm(c.createdAt()),
        Times.crm(c.updatedAt())};
  }
}

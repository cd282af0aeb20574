package io.socialcrm.generate;

import java.util.SplittableRandom;

/** A person behind a customer record or a social account: name, gender, home town, birth year. */
record Person(int countryIndex, boolean female, int firstIndex, int lastIndex, int cityIndex, int birthYear) {

  static Person draw(SplittableRandom r) {
    int country = Names.drawCountry(r);
    Names.Country c = Names.country(country);
    int first = r.nextInt(c.firstNames().size());
    boolean female = c.firstNames().get(first).female();
    return new Person(country, female, first, r.nextInt(c.lastNames().size()), r.nextInt(c.cities().size()),
        1950 + r.nextInt(56));
  }

  /** Someone else with the same name: another city (same country) and age. */
  Person lookAlike(SplittableRandom r) {
    int cities = country().cities().size();
    int otherCity = (cityIndex + 1 + r.nextInt(cities - 1)) % cities;
    return new Person(countryIndex, female, firstIndex, lastIndex, otherCity, 1950 + r.nextInt(56));
  }

  Names.Country country() {
    return Names.country(countryIndex);
  }

  String firstName() {
    return country().firstNames().get(firstIndex).name();
  }

  String[] nicknames() {
    return country().firstNames().get(firstIndex).nicknames();
  }

  String lastName() {
    return country().lastNames().get(lastIndex).forGender(female);
  }

  Names.City city() {
    return country().cities().get(cityIndex);
  }

  String language() {
    return country().language();
  }
}

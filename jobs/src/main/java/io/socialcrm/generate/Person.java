package io.socialcrm.generate;

import java.util.SplittableRandom;

/**
 * A person behind a customer record or a social account: name, gender, home town, birth year. The names are indexes
 * into the country's {@link NameCulture} tables; {@code secondSurnameIndex} is -1 where the culture gives one
 * surname.
 */
record Person(int countryIndex, boolean female, int firstIndex, int surnameIndex, int secondSurnameIndex,
    int cityIndex, int birthYear) {

  static Person draw(SplittableRandom r) {
    int country = Names.drawCountry(r);
    NameCulture names = Names.country(country).names();
    boolean female = r.nextBoolean();
    int first = names.first(female).draw(r);
    int surname = names.last(female).draw(r);
    int second = names.secondSurname() == null ? -1 : names.secondSurname().draw(r);
    return new Person(country, female, first, surname, second, r.nextInt(Names.country(country).cities().size()),
        1950 + r.nextInt(56));
  }

  /** Someone else with the same name: another city (same country) and age. */
  Person lookAlike(SplittableRandom r) {
    int cities = country().cities().size();
    int otherCity = (cityIndex + 1 + r.nextInt(cities - 1)) % cities;
    return new Person(countryIndex, female, firstIndex, surnameIndex, secondSurnameIndex, otherCity,
        1950 + r.nextInt(56));
  }

  /** The same person as many Spaniards show themselves on social media: the first surname only. */
  Person firstSurnameOnly() {
    return secondSurnameIndex < 0 ? this
        : new Person(countryIndex, female, firstIndex, surnameIndex, -1, cityIndex, birthYear);
  }

  Names.Country country() {
    return Names.country(countryIndex);
  }

  String firstName() {
    return country().names().first(female).name(firstIndex);
  }

  String[] nicknames() {
    return country().names().nicknames(firstName());
  }

  /** The first (or only) surname, in the person's gendered form. */
  String surname() {
    return country().names().last(female).name(surnameIndex);
  }

  /** The surnames as a CRM stores them: one, or two separated by a space (García López). */
  String lastName() {
    return secondSurnameIndex < 0 ? surname()
        : surname() + " " + country().names().secondSurname().name(secondSurnameIndex);
  }

  Names.City city() {
    return country().cities().get(cityIndex);
  }

  String language() {
    return country().language();
  }
}

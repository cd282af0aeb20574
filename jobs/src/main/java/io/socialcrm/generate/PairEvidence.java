package io.socialcrm.generate;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.Locale;
import org.apache.spark.sql.Column;

/**
 * What the generated data holds that ties a social account to its customer, for {@code truth/profile_customer.csv}'s
 * {@code evidence} column, so that recall can be read per kind of evidence instead of over pairs nothing could link:
 * <ul>
 *   <li>{@value #DETERMINISTIC}: a key only that customer has: the handle or profile link the customer gave the CRM,
 *       the customer's exact e-mail in the account's bio, or a care case opened by the account's complaint and filed
 *       under the customer;</li>
 *   <li>{@value #DISTINCTIVE}: the account shows the person's name (a first name or its nickname with the surname;
 *       for Spaniards the first surname) and the person's city (in a location the platform's export carries, for a
 *       customer whose CRM record holds a city), and no other customer has that name in that city (the name as
 *       shown: a Spaniard showing one surname shares it with every customer of that first name and first surname);</li>
 *   <li>{@value #NAME_ONLY}: it shows the name but not the city, or a name other customers in that city share: a
 *       name alone does not tell the customer from the look-alikes (accounts of other people with a customer's name,
 *       elsewhere) that real social networks are full of;</li>
 *   <li>{@value #NONE}: nothing of the above (an unrelated display name, a first name or an initial only).</li>
 * </ul>
 * Not yet counted as deterministic: an order number the account posted outside a complaint (such posts are rare; their
 * pairs fall in the class their names give).
 */
final class PairEvidence {
  static final String DETERMINISTIC = "deterministic";
  static final String DISTINCTIVE = "distinctive";
  static final String NAME_ONLY = "name_only";
  static final String NONE = "none";

  private PairEvidence() {}

  /** Whether the CRM record or the account's bio carries a key only this customer has. */
  static boolean crmKeyOrEmail(Profile profile, Customer customer) {
    String given = switch (profile.core().platform()) {
      case ProfileCore.X -> customer.xHandle();
      case ProfileCore.FACEBOOK -> customer.facebookProfile();
      default -> customer.linkedinProfile();
    };
    if (given != null) {
      return true;
    }
    return customer.email() != null && profile.bio() != null
        && profile.bio().contains(customer.email().replace("@", " [at] "));
  }

  /** Whether the account's public name carries the person's first name (or a nickname of it) and surname. */
  static boolean showsName(Profile profile, Person person) {
    String shown = plain(profile.displayName());
    if (shown.isEmpty() || !containsWord(shown, plain(person.surname()))) {
      return false;
    }
    if (containsWord(shown, plain(person.firstName()))) {
      return true;
    }
    for (String nick : person.nicknames()) {
      if (containsWord(shown, plain(nick))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the account's location, as its platform's export carries it, names the person's city (in the local or
   * the English spelling), and the CRM holds a city for the customer. Facebook's exports carry no location.
   */
  static boolean showsCity(Profile profile, Person person, Customer customer) {
    if (profile.core().platform() == ProfileCore.FACEBOOK || customer.city() == null) {
      return false;
    }
    String location = plain(profile.location());
    return !location.isEmpty() && (containsWord(location, plain(person.city().local()))
        || containsWord(location, plain(person.city().english())));
  }

  /**
   * Whether the account's public name carries all of the person's surnames (both, for a Spaniard who has two), not
   * only the first: which of {@link #nameCityKey}'s two keys the pair's uniqueness is judged by.
   */
  static boolean showsEverySurname(Profile profile, Person person) {
    return containsWord(plain(profile.displayName()), plain(person.lastName()));
  }

  /**
   * The key of a person's name and city, for uniqueness among customers (accents, case and spacing ignored): with
   * every surname ({@code F|}), or with the first only ({@code S|}), as a Spaniard showing one surname is seen: then
   * every customer with that first name and first surname in the city shares the name shown. For a person with one
   * surname the two name the same people. Each customer counts under both keys.
   */
  static String nameCityKey(Person person, boolean everySurname) {
    return (everySurname ? "F|" + plain(person.lastName()) : "S|" + plain(person.surname())) + "|"
        + plain(person.firstName()) + "|" + person.countryIndex() + "|" + person.cityIndex();
  }

  /**
   * The class of a true pair, from its columns {@code deterministic}, {@code shows_name}, {@code shows_city} (boolean)
   * and how many customers share its name and city ({@code same_name_city}).
   */
  static Column classify(Column deterministic, Column showsName, Column showsCity, Column sameNameAndCity) {
    return when(deterministic, lit(DETERMINISTIC))
        .when(not(showsName), lit(NONE))
        .when(showsCity.and(sameNameAndCity.equalTo(1)), lit(DISTINCTIVE))
        .otherwise(lit(NAME_ONLY));
  }

  private static String plain(String s) {
    return s == null ? "" : Names.deaccent(s).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' -]", " ")
        .replaceAll("\\s+", " ").strip();
  }

  private static boolean containsWord(String text, String word) {
    if (word.isEmpty()) {
      return false;
    }
    int i = text.indexOf(word);
    while (i >= 0) {
      boolean start = i == 0 || text.charAt(i - 1) == ' ';
      int end = i + word.length();
      if (start && (end == text.length() || text.charAt(end) == ' ')) {
        return true;
      }
      i = text.indexOf(word, i + 1);
    }
    return false;
  }
}

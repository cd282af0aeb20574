package io.socialcrm.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Builds the public face of a social account from its {@link ProfileCore}: handles that do or do not resemble
 * the person's name or e-mail, display names with nicknames, swapped order or no accents, free-text locations,
 * bios with a URL or e-mail domain, heavy-tailed follower counts.
 */
final class ProfileGenerator {
  private ProfileGenerator() {}

  private static final String[][] UNRELATED_HANDLES = {
      {"sunnydays", "moonwalker", "trailrunner", "coffeeaddict", "pixelwolf", "mountaingoat", "rainycity",
          "lazypanda", "wanderlust", "hikerlife", "nightowl", "bluefox"},
      {"gatito_loco", "solymar", "montanero", "viajera", "cafeconleche", "lunallena", "pies_inquietos",
          "chica_sierra", "el_andarin"},
      {"kawa_i_ciastko", "gorski_wedrowiec", "misiek", "zielona_herbata", "rowerzysta", "mala_mi",
          "wedrowka", "szlakiem"}};
  private static final String[][] UNRELATED_NAMES = {
      {"☕ coffee addict", "Trail Runner 🏃", "wanderer", "Just a hiker ⛰️", "night owl 🦉"},
      {"Viajera incansable ✈️", "Mamá de dos 💕", "El Andarín", "amante de la montaña 🏔️"},
      {"Góral z Podhala ⛰️", "Tata na pełen etat", "Zielona Herbata 🍵", "wędrowiec"}};
  private static final String[][] FUN_LOCATIONS = {
      {"somewhere in the mountains ⛰️", "Planet Earth 🌍", "on the trail", "home"},
      {"en la sierra", "donde haya montaña 🏔️", "Tierra"},
      {"w górach", "tam gdzie Wi-Fi", "Ziemia 🌍"}};
  private static final String[][] INTERESTS = {
      {"Outdoor lover 🏔️", "coffee ☕", "runner", "dad of two", "dog person 🐕", "photographer 📷", "climber"},
      {"Amante de la montaña 🏔️", "café ☕", "corredora", "padre de dos", "fotógrafo 📷", "escaladora"},
      {"Miłośniczka gór 🏔️", "kawa ☕", "biegacz", "tata dwójki dzieci", "fotograf 📷", "wspinaczka"}};
  private static final String[][] JOBS = {
      {"Procurement Manager", "Software Engineer", "Head of Operations", "Marketing Lead", "Student"},
      {"Responsable de compras", "Ingeniera de software", "Jefe de operaciones", "Estudiante"},
      {"Kierownik zakupów", "Inżynier oprogramowania", "Kierowniczka projektu", "Student"}};
  private static final String[] JOB_LINK = {" at ", " en ", " w "};

  static Profile profile(World w, int p) {
    ProfileCore core = ProfileCore.of(w, p);
    SplittableRandom r = Rng.of(w.seed, Rng.PROFILE_DETAIL, p);
    Person person = core.person(w);
    Customer customer = core.customer() ? CustomerGenerator.contact(w, core.owner()) : null;
    int lang = langIndex(core.lang(w, person));
    int company = customer != null ? customer.company() : (r.nextDouble() < 0.15 ? r.nextInt(Names.COMPANIES.length)
        : -1);
    long followers = core.influencer()
        ? (long) Math.min(3_000_000, Rng.pareto(r, 20_000, 1.2))
        : (long) Math.min(150_000, Rng.pareto(r, 15, 1.3)) - 15 + r.nextInt(10);
    String location = location(r, person, lang);
    String url = url(r, person, company);
    String bio = bio(r, person, customer, company, lang, url);
    // half the Spaniards with two surnames show only the first on X and Facebook
    Person shown = r.nextBoolean() ? person.firstSurnameOnly() : person;
    return switch (core.platform()) {
      case ProfileCore.X -> {
        boolean oldAccount = r.nextDouble() < 0.25;
        String handle = w.xHandle(p, xHandle(r, shown, customer, lang));
        String name = displayName(r, shown, lang, 0.10);
        yield new Profile(core, Ids.xUserId(p, oldAccount), handle, name, location, bio, url,
            Math.max(0, followers), 20 + r.nextInt(900), 10 + r.nextInt(20_000), null, null);
      }
      case ProfileCore.FACEBOOK -> new Profile(core, Ids.facebookUserId(p), null,
          facebookName(r, shown, lang), location, null, null, Math.max(0, followers), 0, 0, null, null);
      default -> {
        String member = Ids.linkedinMemberId(p);
        String vanity = Names.slug(person.firstName()) + "-" + Names.slug(person.lastName()) + "-"
            + Long.toHexString(Rng.mix(w.seed, Rng.PROFILE_DETAIL, p) & 0xFFFFFFL) + Integer.toString(p % 36, 36);
        String name = r.nextDouble() < 0.88 ? person.firstName() + " " + person.lastName()
            : Names.deaccent(person.firstName() + " " + person.lastName());
        int job = r.nextInt(JOBS[lang].length);
        String employer = company >= 0 ? Names.COMPANY_NAMES[company]
            : Names.COMPANY_NAMES[r.nextInt(Names.COMPANY_NAMES.length)];
        String headline = JOBS[lang][job] + JOB_LINK[lang] + employer;
        String liLocation = r.nextDouble() < 0.15 ? null : person.city().local() + ", " + person.city().region()
            + ", " + (lang == 0 ? person.country().englishName() : person.country().localName());
        yield new Profile(core, "urn:li:person:" + member, vanity, name, liLocation, null, null,
            Math.max(0, followers), 0, 0, headline, "https://www.linkedin.com/in/" + vanity);
      }
    };
  }

  static int langIndex(String lang) {
    return switch (lang) {
      case "es" -> 1;
      case "pl" -> 2;
      default -> 0;
    };
  }

  /** An X username: e-mail local part, name-based (with or without digits), or unrelated to the name. */
  static String xHandle(SplittableRandom r, Person p, Customer customer, int lang) {
    String first = Names.slug(p.firstName());
    String last = Names.slug(p.lastName());
    String nick = Names.slug(Rng.pick(r, p.nicknames()));
    double u = r.nextDouble();
    if (customer != null && customer.email() != null && u < 0.2) {
      StringBuilder sb = new StringBuilder();
      for (char ch : customer.emailLocalPart().toCharArray()) {
        if (ch == '.' || ch == '-') {
          sb.append('_');
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_') {
          sb.append(ch);
        }
      }
      String local = sb.toString();
      return local.length() <= 15 ? local : local.substring(0, 15);
    }
    String base;
    if (u < 0.55) {
      base = (r.nextBoolean() ? nick : first) + (r.nextInt(3) == 1 ? "" : "_") + last;
    } else if (u < 0.68) {
      base = first.charAt(0) + last;
    } else if (u < 0.74) {
      base = last + "_" + nick;
    } else {
      base = Rng.pick(r, UNRELATED_HANDLES[lang]);
    }
    String suffix;
    double s = r.nextDouble();
    if (customer != null) {
      suffix = s < 0.35 ? "" : s < 0.7 ? twoDigits(p.birthYear()) : Integer.toString(r.nextInt(1000));
    } else {
      suffix = s < 0.3 ? twoDigits(p.birthYear()) + r.nextInt(10)
          : Integer.toString(10 + r.nextInt(9_990));
    }
    int room = 15 - suffix.length();
    if (base.length() > room && u < 0.74) {
      base = (nick.length() < first.length() ? nick : first.substring(0, 1)) + last;
    }
    return (base.length() > room ? base.substring(0, room) : base) + suffix;
  }

  static String twoDigits(int year) {
    int yy = year % 100;
    return yy < 10 ? "0" + yy : Integer.toString(yy);
  }

  /** An X display name: full, nickname, swapped order, no accents, initial, first name only, or a motto. */
  static String displayName(SplittableRandom r, Person p, int lang, double unrelatedShare) {
    String first = p.firstName();
    String last = p.lastName();
    String nick = Rng.pick(r, p.nicknames());
    double u = r.nextDouble();
    if (u < unrelatedShare) {
      return Rng.pick(r, UNRELATED_NAMES[lang]);
    }
    u = r.nextDouble();
    if (u < 0.30) {
      return first + " " + last;
    } else if (u < 0.50) {
      return nick + " " + last;
    } else if (u < 0.57) {
      return last + " " + first;
    } else if (u < 0.67) {
      return Names.deaccent(first + " " + last);
    } else if (u < 0.75) {
      return nick + " " + last.charAt(0) + ".";
    } else if (u < 0.80) {
      return nick.toLowerCase(Locale.ROOT) + " " + Rng.pick(r, new String[] {"🌸", "✨", "⛰️", "🐾"});
    } else if (u < 0.86) {
      return first;
    } else if (u < 0.93) {
      return first + " " + last + " " + Rng.pick(r, new String[] {"🏔️", "🇪🇺", "🚴", "💙"});
    }
    return (first + " " + last).toUpperCase(Locale.ROOT);
  }

  /** Facebook names are mostly real names. */
  static String facebookName(SplittableRandom r, Person p, int lang) {
    double u = r.nextDouble();
    if (u < 0.6) {
      return p.firstName() + " " + p.lastName();
    } else if (u < 0.8) {
      return Rng.pick(r, p.nicknames()) + " " + p.lastName();
    } else if (u < 0.9) {
      return Names.deaccent(p.firstName() + " " + p.lastName());
    } else if (u < 0.95) {
      return p.lastName() + " " + p.firstName();
    }
    return displayName(r, p, lang, 0.5);
  }

  static String location(SplittableRandom r, Person p, int lang) {
    Names.City city = p.city();
    Names.Country country = p.country();
    double u = r.nextDouble();
    if (u < 0.25) {
      return null;
    } else if (u < 0.45) {
      return city.local();
    } else if (u < 0.55) {
      return city.local() + ", " + country.localName();
    } else if (u < 0.63) {
      return Names.deaccent(city.local());
    } else if (u < 0.70) {
      return city.english() + ", " + country.englishName();
    } else if (u < 0.76) {
      return city.local() + " " + country.flag();
    } else if (u < 0.82) {
      return country.localName();
    } else if (u < 0.87) {
      return city.local().toLowerCase(Locale.ROOT);
    } else if (u < 0.93) {
      return city.english();
    }
    return Rng.pick(r, FUN_LOCATIONS[lang]);
  }

  static String bio(SplittableRandom r, Person p, Customer customer, int company, int lang, String url) {
    double u = r.nextDouble();
    if (u < 0.2) {
      return null;
    }
    StringBuilder sb = new StringBuilder(Rng.pick(r, INTERESTS[lang]));
    if (r.nextBoolean()) {
      sb.append(" | ").append(Rng.pick(r, INTERESTS[lang]));
    }
    if (company >= 0 && r.nextDouble() < 0.4) {
      sb.append(" | ").append(JOBS[lang][r.nextInt(JOBS[lang].length - 1)]).append(JOB_LINK[lang].stripTrailing())
          .append(" @").append(Names.COMPANY_NAMES[company].replace(" ", "")).append(" · ")
          .append(Names.COMPANIES[company]);
    }
    if (customer != null && customer.email() != null && r.nextDouble() < 0.1) {
      String email = customer.email();
      sb.append(" | ✉️ ").append(email.replace("@", " [at] "));
    } else if (r.nextDouble() < 0.2) {
      sb.append(" | ").append(p.city().local());
    }
    if (url != null && r.nextDouble() < 0.3) {
      sb.append(" 🔗 ").append(url.substring("https://".length()));
    }
    return sb.toString();
  }

  static String url(SplittableRandom r, Person p, int company) {
    double u = r.nextDouble();
    if (u < 0.08 && company >= 0) {
      return "https://" + Names.COMPANIES[company];
    } else if (u < 0.16) {
      String tld = switch (p.country().code()) {
        case "ES" -> ".es";
        case "PL" -> ".pl";
        case "DE" -> ".de";
        default -> ".com";
      };
      return "https://" + Names.slug(p.firstName()) + Names.slug(p.lastName()) + tld;
    } else if (u < 0.2) {
      return "https://linktr.ee/" + Names.slug(p.firstName()) + p.birthYear() % 100;
    }
    return null;
  }
}

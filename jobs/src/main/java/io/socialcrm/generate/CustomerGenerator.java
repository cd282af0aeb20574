package io.socialcrm.generate;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * CRM customers as pure functions of their index: the person, how the CRM spells them, contact data, and the
 * one change (move, new e-mail, new last name, new phone) some of them get during the period.
 */
final class CustomerGenerator {
  private CustomerGenerator() {}

  private static final String[] SEGMENTS = {"consumer", "smb", "enterprise", "vip"};
  private static final double[] SEGMENT_WEIGHTS = {0.75, 0.15, 0.05, 0.05};

  private static final String[][] PHONE_FORMATS = {
      {"+34 6dd ddd ddd", "6dddddddd", "0034 6dd-ddd-ddd", "+346dddddddd", "6dd dd dd dd"},
      {"+48 5dd ddd ddd", "5dd-ddd-ddd", "(+48) 6dddddddd", "7dd ddd ddd", "+48 88d-ddd-ddd"},
      {"07700 9ddddd", "+44 7700 9ddddd", "+447dddddddd", "07dd ddd dddd"},
      {"(415) 555-0ddd", "212-555-0ddd", "+1 312 555 0ddd", "206555dddd"},
      {"0151 dddddddd", "+49 151 dddddddd", "+49 (0)17d ddd dddd", "0160/ddddddd"},
      {"+52 55 dddd dddd", "55 dddd dddd", "+52 1 33 dddd dddd"},
      {"087 ddd dddd", "+353 87 ddd dddd", "+35385ddddddd"}};

  /** The person behind customer {@code c} (the first draws of the customer's stream). */
  static Person person(World w, int c) {
    return Person.draw(Rng.of(w.seed, Rng.CUSTOMER, c));
  }

  /** The customer as first stored in the CRM. */
  static Customer base(World w, int c) {
    Customer contact = contact(w, c);
    String[] social = socialFields(w, c, Rng.of(w.seed, Rng.CUSTOMER, c, 7));
    return new Customer(c, contact.person(), contact.firstName(), contact.lastName(), contact.email(),
        contact.phone(), contact.city(), contact.segment(), contact.language(), contact.company(),
        contact.createdAt(), contact.updatedAt(), social[0], social[1], social[2]);
  }

  /** The customer without the social fields (which depend on the customer's profiles, built from this). */
  static Customer contact(World w, int c) {
    SplittableRandom r = Rng.of(w.seed, Rng.CUSTOMER, c);
    Person p = Person.draw(r);
    String segment = SEGMENTS[Rng.weighted(r, SEGMENT_WEIGHTS)];
    int company = (segment.equals("smb") || segment.equals("enterprise")) ? r.nextInt(Names.COMPANIES.length) : -1;
    String language = r.nextDouble() < 0.08 ? "en" : p.language();
    String first = p.firstName();
    String last = p.lastName();
    double variant = r.nextDouble();
    if (variant < 0.08) {
      first = Names.deaccent(first);
      last = Names.deaccent(last);
    } else if (variant < 0.12) {
      last = last.toUpperCase(Locale.ROOT);
    }
    String email = r.nextDouble() < 0.06 ? null : email(r, p, company);
    String phone = r.nextDouble() < 0.10 ? null : phone(r, p.countryIndex());
    String city = cityAsStored(r, p.city());
    long created;
    long updated;
    int createdDay = w.createdDay(c);
    long periodStart = w.dayStart(0);
    if (createdDay < 0) {
      created = periodStart - (1 + r.nextInt(1500)) * Times.DAY + r.nextLong(Times.DAY);
      updated = created + (long) (r.nextDouble() * r.nextDouble() * Math.max(0, periodStart - created - Times.HOUR));
    } else {
      created = w.dayStart(createdDay) + 7 * Times.HOUR + r.nextLong(15 * Times.HOUR);
      updated = created;
    }
    return new Customer(c, p, first, last, email, phone, city, segment, language, company, Times.seconds(created),
        Times.seconds(updated), null, null, null);
  }

  /** The x_handle, facebook_profile and linkedin_profile the customer gave the CRM (often none). */
  private static String[] socialFields(World w, int c, SplittableRandom r) {
    String[] fields = new String[3];
    for (int profile : w.profilesOf(c)) {
      ProfileCore core = ProfileCore.of(w, profile);
      double u = r.nextDouble();
      switch (core.platform()) {
        case ProfileCore.X -> {
          if (u < 0.3) {
            String handle = ProfileGenerator.profile(w, profile).handle();
            double style = r.nextDouble();
            fields[0] = style < 0.4 ? "@" + handle : style < 0.55 ? handle.toLowerCase(Locale.ROOT)
                : style < 0.65 ? "https://x.com/" + handle : handle;
          }
        }
        case ProfileCore.FACEBOOK -> {
          if (u < 0.2) {
            fields[1] = "https://www.facebook.com/profile.php?id=" + Ids.facebookUserId(profile);
          }
        }
        default -> {
          if (u < 0.35) {
            String url = ProfileGenerator.profile(w, profile).profileUrl();
            fields[2] = r.nextBoolean() ? url : url.replace("https://www.", "");
          }
        }
      }
    }
    return fields;
  }

  static String email(SplittableRandom r, Person p, int company) {
    String first = Names.slug(p.firstName());
    String last = Names.slug(p.surname()); // Spaniards' addresses carry the first surname
    String nick = Names.slug(p.nicknames()[0]);
    String yy = ProfileGenerator.twoDigits(p.birthYear());
    String local = switch (r.nextInt(8)) {
      case 0 -> first + "." + last;
      case 1 -> first.charAt(0) + last + yy;
      case 2 -> first + "_" + last;
      case 3 -> first + last + r.nextInt(100);
      case 4 -> nick + "." + last;
      case 5 -> last + "." + first;
      case 6 -> nick + last.charAt(0) + yy;
      default -> first + yy;
    };
    String domain;
    if (company >= 0 && r.nextDouble() < 0.6) {
      domain = Names.COMPANIES[company];
    } else if (r.nextDouble() < 0.7) {
      domain = Rng.pick(r, p.country().emailDomains());
    } else {
      domain = Rng.pick(r, Names.globalMail());
    }
    return local + "@" + domain;
  }

  static String phone(SplittableRandom r, int countryIndex) {
    String format = Rng.pick(r, PHONE_FORMATS[countryIndex]);
    StringBuilder sb = new StringBuilder(format.length());
    for (int i = 0; i < format.length(); i++) {
      char ch = format.charAt(i);
      sb.append(ch == 'd' ? (char) ('0' + r.nextInt(10)) : ch);
    }
    return sb.toString();
  }

  private static String cityAsStored(SplittableRandom r, Names.City city) {
    double u = r.nextDouble();
    if (u < 0.05) {
      return null;
    }
    if (u < 0.09) {
      return city.english();
    }
    if (u < 0.12) {
      return Names.deaccent(city.local());
    }
    return city.local();
  }

  /** The day the customer's record changes during the period, or -1. */
  static int changeDay(World w, int c) {
    SplittableRandom r = Rng.of(w.seed, Rng.CUSTOMER_CHANGE, c);
    if (r.nextDouble() >= 0.03) {
      return -1;
    }
    int from = Math.max(1, w.createdDay(c) + 1);
    return from < w.days ? from + r.nextInt(w.days - from) : -1;
  }

  /** The record after its change on {@code day}: moved, new e-mail, married (new last name), or new phone. */
  static Customer changed(World w, Customer base, int day) {
    SplittableRandom r = Rng.of(w.seed, Rng.CUSTOMER_CHANGE, base.index(), 1);
    long updated = Times.seconds(w.dayStart(day) + 8 * Times.HOUR + r.nextLong(12 * Times.HOUR));
    Person p = base.person();
    String city = base.city();
    String email = base.email();
    String last = base.lastName();
    String phone = base.phone();
    switch (r.nextInt(4)) {
      case 0 -> city = p.country().cities().get(r.nextInt(p.country().cities().size())).local();
      case 1 -> email = email(r, p, base.company());
      case 2 -> {
        boolean takesName = p.female() && !p.country().language().equals("es");
        if (takesName) {
          NameTable married = p.country().names().last(true);
          last = married.name(married.draw(r));
        } else {
          city = p.country().cities().get(r.nextInt(p.country().cities().size())).english();
        }
      }
      default -> phone = phone(r, p.countryIndex());
    }
    return new Customer(base.index(), p, base.firstName(), last, email, phone, city, base.segment(),
        base.language(), base.company(), base.createdAt(), updated, base.xHandle(), base.facebookProfile(),
        base.linkedinProfile());
  }
}

package io.socialcrm.generate;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Countries and what is fixed about their people: naming culture ({@link NameCulture}: names from frequency tables),
 * nicknames of common first names, cities, e-mail domains.
 */
final class Names {
  private Names() {}

  /** A city: the local spelling, the English one, and the region as LinkedIn prints it. */
  record City(String local, String english, String region) {}

  /** A country: its people's language and naming culture ({@link NameCulture}), cities, e-mail domains. */
  record Country(
      String code, String language, String culture, String localName, String englishName, String flag, double weight,
      List<City> cities, String[] emailDomains, String currency) {
    NameCulture names() {
      return NameCulture.of(culture);
    }
  }

  private static String[] n(String name, String... nicknames) {
    String[] row = new String[nicknames.length + 1];
    row[0] = name;
    System.arraycopy(nicknames, 0, row, 1, nicknames.length);
    return row;
  }

  private static City c(String local, String english, String region) {
    return new City(local, english, region);
  }

  /** The nicknames of common Spanish and Mexican first names. */
  static final List<String[]> SPANISH_NICKNAMES = List.of(
      n("José", "Pepe", "Pepito"), n("Francisco", "Paco", "Curro"), n("Manuel", "Manolo", "Manu"),
      n("Jesús", "Chus", "Chuy"), n("Ignacio", "Nacho"), n("Antonio", "Toni", "Antoñito"), n("Javier", "Javi"),
      n("Alejandro", "Álex", "Ale"), n("Guillermo", "Guille", "Memo"), n("Rafael", "Rafa"), n("Íñigo", "Iñi"),
      n("Sergio", "Sergi"), n("Andrés", "Andy"), n("Joaquín", "Quino"), n("Ramón", "Moncho"),
      n("María", "Mari", "Maruja"), n("Dolores", "Lola", "Loli"), n("Concepción", "Concha", "Conchi"),
      n("Lucía", "Lu"), n("Begoña", "Bego"), n("Inmaculada", "Inma"), n("Rocío", "Ro"), n("Guadalupe", "Lupe"),
      n("Pilar", "Pili"), n("Montserrat", "Montse"), n("Mercedes", "Merche"), n("Cristina", "Cris"),
      n("Ana Belén", "Anabel"), n("Carmen", "Mamen", "Carmencita"), n("Beatriz", "Bea"),
      n("José Luis", "Pepe", "Joselo"), n("Eduardo", "Lalo"), n("Enrique", "Kike"), n("Rodrigo", "Rodri"),
      n("María José", "Majo"), n("Ximena", "Xime"), n("Fernanda", "Fer"), n("Mariana", "Mari"),
      n("Socorro", "Coco"), n("María del Carmen", "Mari Carmen", "Maica"), n("Juan Carlos", "Juanca"),
      n("Juan José", "Juanjo"), n("Josefa", "Pepa"), n("Isabel", "Isa", "Chabela"), n("Teresa", "Tere"));

  /** The nicknames of common Polish first names. */
  static final List<String[]> POLISH_NICKNAMES = List.of(
      n("Katarzyna", "Kasia", "Kaśka"), n("Małgorzata", "Gosia", "Małgosia"), n("Aleksandra", "Ola", "Olka"),
      n("Agnieszka", "Aga", "Agusia"), n("Zofia", "Zosia"), n("Magdalena", "Magda", "Madzia"),
      n("Joanna", "Asia", "Joasia"), n("Elżbieta", "Ela", "Elka"), n("Barbara", "Basia"),
      n("Dorota", "Dorotka"), n("Anna", "Ania", "Anka"), n("Ewa", "Ewka"), n("Justyna", "Justa"),
      n("Weronika", "Wera"), n("Łucja", "Łucka"),
      n("Jakub", "Kuba", "Kubuś"), n("Wojciech", "Wojtek"), n("Grzegorz", "Grzesiek", "Grześ"),
      n("Tomasz", "Tomek"), n("Piotr", "Piotrek"), n("Krzysztof", "Krzysiek"), n("Jędrzej", "Jędrek"),
      n("Józef", "Józek"), n("Łukasz", "Łuki"), n("Paweł", "Pawełek"), n("Michał", "Michu", "Misiek"),
      n("Stanisław", "Staszek"), n("Przemysław", "Przemek"), n("Maciej", "Maciek"), n("Bartłomiej", "Bartek"));

  /** The nicknames of common English first names. */
  static final List<String[]> ENGLISH_NICKNAMES = List.of(
      n("William", "Bill", "Will"), n("Robert", "Bob", "Rob"), n("Richard", "Rich", "Dick"), n("James", "Jim", "Jamie"),
      n("Michael", "Mike", "Mick"), n("Christopher", "Chris"), n("Thomas", "Tom", "Tommy"), n("Joseph", "Joe"),
      n("Daniel", "Dan", "Danny"), n("Edward", "Ed", "Ted"), n("Alexander", "Alex", "Sandy"), n("Anthony", "Tony"),
      n("Matthew", "Matt"), n("Nicholas", "Nick"), n("Benjamin", "Ben"),
      n("Elizabeth", "Liz", "Beth"), n("Katherine", "Kate", "Katie"), n("Margaret", "Maggie", "Peggy"),
      n("Jennifer", "Jen", "Jenny"), n("Samantha", "Sam"), n("Jessica", "Jess"), n("Patricia", "Pat", "Trish"),
      n("Rebecca", "Becky"), n("Victoria", "Vicky", "Tori"), n("Abigail", "Abby"), n("Susan", "Sue"),
      n("Deborah", "Debbie"), n("Charlotte", "Lottie"), n("Eleanor", "Ellie"), n("Amanda", "Mandy"));

  /** The nicknames of common German first names. */
  static final List<String[]> GERMAN_NICKNAMES = List.of(
      n("Jürgen", "Jü"), n("Günther", "Günni"), n("Johannes", "Hannes", "Jo"), n("Wolfgang", "Wolfi"),
      n("Andreas", "Andi"), n("Stefan", "Steff"), n("Maximilian", "Max"), n("Matthias", "Matze"),
      n("Thomas", "Tommi"), n("Sebastian", "Basti"),
      n("Katharina", "Kathi", "Kati"), n("Käthe", "Kätchen"), n("Sabine", "Bine"), n("Stefanie", "Steffi"),
      n("Susanne", "Susi"), n("Franziska", "Franzi"), n("Christiane", "Christel"), n("Brigitte", "Gitti"),
      n("Margarete", "Grete"), n("Elisabeth", "Lisbeth", "Sissi"));

  private static final List<City> SPANISH_CITIES = List.of(
      c("Madrid", "Madrid", "Comunidad de Madrid"), c("Barcelona", "Barcelona", "Cataluña"),
      c("Valencia", "Valencia", "Comunidad Valenciana"), c("Sevilla", "Seville", "Andalucía"),
      c("Málaga", "Malaga", "Andalucía"), c("Zaragoza", "Saragossa", "Aragón"), c("Bilbao", "Bilbao", "País Vasco"),
      c("A Coruña", "La Coruna", "Galicia"), c("Córdoba", "Cordoba", "Andalucía"), c("Cádiz", "Cadiz", "Andalucía"),
      c("Logroño", "Logrono", "La Rioja"), c("Alcalá de Henares", "Alcala de Henares", "Comunidad de Madrid"),
      c("León", "Leon", "Castilla y León"), c("Palma", "Palma de Mallorca", "Illes Balears"));
  private static final List<City> POLISH_CITIES = List.of(
      c("Warszawa", "Warsaw", "Mazowieckie"), c("Kraków", "Cracow", "Małopolskie"), c("Łódź", "Lodz", "Łódzkie"),
      c("Wrocław", "Wroclaw", "Dolnośląskie"), c("Poznań", "Poznan", "Wielkopolskie"),
      c("Gdańsk", "Gdansk", "Pomorskie"), c("Szczecin", "Szczecin", "Zachodniopomorskie"),
      c("Lublin", "Lublin", "Lubelskie"), c("Białystok", "Bialystok", "Podlaskie"),
      c("Katowice", "Katowice", "Śląskie"), c("Toruń", "Torun", "Kujawsko-pomorskie"),
      c("Rzeszów", "Rzeszow", "Podkarpackie"), c("Bielsko-Biała", "Bielsko-Biala", "Śląskie"),
      c("Zakopane", "Zakopane", "Małopolskie"));
  private static final List<City> BRITISH_CITIES = List.of(
      c("London", "London", "England"), c("Manchester", "Manchester", "England"),
      c("Birmingham", "Birmingham", "England"), c("Leeds", "Leeds", "England"), c("Glasgow", "Glasgow", "Scotland"),
      c("Bristol", "Bristol", "England"), c("Edinburgh", "Edinburgh", "Scotland"), c("Cardiff", "Cardiff", "Wales"));
  private static final List<City> US_CITIES = List.of(
      c("New York", "New York", "New York"), c("Chicago", "Chicago", "Illinois"), c("Austin", "Austin", "Texas"),
      c("Seattle", "Seattle", "Washington"), c("Boston", "Boston", "Massachusetts"), c("Denver", "Denver", "Colorado"),
      c("San José", "San Jose", "California"), c("Portland", "Portland", "Oregon"));
  private static final List<City> GERMAN_CITIES = List.of(
      c("Berlin", "Berlin", "Berlin"), c("München", "Munich", "Bayern"), c("Köln", "Cologne", "Nordrhein-Westfalen"),
      c("Hamburg", "Hamburg", "Hamburg"), c("Düsseldorf", "Dusseldorf", "Nordrhein-Westfalen"),
      c("Nürnberg", "Nuremberg", "Bayern"));
  private static final List<City> MEXICAN_CITIES = List.of(
      c("Ciudad de México", "Mexico City", "CDMX"), c("Guadalajara", "Guadalajara", "Jalisco"),
      c("Monterrey", "Monterrey", "Nuevo León"), c("Puebla", "Puebla", "Puebla"), c("Querétaro", "Queretaro",
          "Querétaro"));
  private static final List<City> IRISH_CITIES = List.of(
      c("Dublin", "Dublin", "Leinster"), c("Cork", "Cork", "Munster"), c("Galway", "Galway", "Connacht"));

  private static final String[] GLOBAL_MAIL = {"gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
      "protonmail.com"};

  static final List<Country> COUNTRIES = List.of(
      new Country("ES", "es", NameCulture.ES, "España", "Spain", "🇪🇸", 0.30, SPANISH_CITIES,
          new String[] {"gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "gmail.com"}, "EUR"),
      new Country("PL", "pl", NameCulture.PL, "Polska", "Poland", "🇵🇱", 0.30, POLISH_CITIES,
          new String[] {"wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com", "gmail.com"}, "PLN"),
      new Country("GB", "en", NameCulture.EN, "United Kingdom", "UK", "🇬🇧", 0.12, BRITISH_CITIES,
          new String[] {"gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk"}, "GBP"),
      new Country("US", "en", NameCulture.EN, "United States", "USA", "🇺🇸", 0.12, US_CITIES,
          new String[] {"gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com"}, "USD"),
      new Country("DE", "en", NameCulture.DE, "Deutschland", "Germany", "🇩🇪", 0.08, GERMAN_CITIES,
          new String[] {"gmx.de", "web.de", "t-online.de", "gmail.com"}, "EUR"),
      new Country("MX", "es", NameCulture.ES, "México", "Mexico", "🇲🇽", 0.05, MEXICAN_CITIES,
          new String[] {"gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"}, "USD"),
      new Country("IE", "en", NameCulture.EN, "Éire", "Ireland", "🇮🇪", 0.03, IRISH_CITIES,
          new String[] {"gmail.com", "eircom.net", "outlook.com"}, "EUR"));

  private static final double[] COUNTRY_WEIGHTS = COUNTRIES.stream().mapToDouble(Country::weight).toArray();

  /** Company domains for business customers (e-mail and bio URL). */
  static final String[] COMPANIES = {"acme-logistics.com", "vertex-consulting.eu", "bosque-verde.es",
      "tatry-sport.pl", "hanse-handel.de", "northbridge.co.uk", "summit-labs.io", "rio-digital.mx",
      "kwiatkowski-i-syn.pl", "iberia-montajes.es", "blackrock-outfitters.com", "lumen-analytics.com"};
  static final String[] COMPANY_NAMES = {"Acme Logistics", "Vertex Consulting", "Bosque Verde", "Tatry Sport",
      "Hanse Handel", "Northbridge", "Summit Labs", "Río Digital", "Kwiatkowski i Syn", "Iberia Montajes",
      "Blackrock Outfitters", "Lumen Analytics"};

  static Country country(int index) {
    return COUNTRIES.get(index);
  }

  static int drawCountry(SplittableRandom r) {
    return Rng.weighted(r, COUNTRY_WEIGHTS);
  }

  static String[] globalMail() {
    return GLOBAL_MAIL;
  }

  private static final String FROM =
      "áàâäãåąÁÀÂÄÃÅĄćçčĆÇČéèêëęěÉÈÊËĘĚíìîïÍÌÎÏłŁńñňŃÑŇóòôöõøÓÒÔÖÕØśšŚŠúùûüůÚÙÛÜŮýÿÝźżžŹŻŽ";
  private static final String TO =
      "aaaaaaaAAAAAAAcccCCCeeeeeeEEEEEEiiiiIIIIlLnnnNNNooooooOOOOOOssSSuuuuuUUUUUyyYzzzZZZ";
  private static final char[] ASCII = new char[0x300];

  static {
    for (char ch = 0; ch < ASCII.length; ch++) {
      ASCII[ch] = ch;
    }
    for (int i = 0; i < FROM.length(); i++) {
      if (FROM.charAt(i) < ASCII.length) {
        ASCII[FROM.charAt(i)] = TO.charAt(i);
      }
    }
  }

  private static char plain(char ch) {
    if (ch < ASCII.length) {
      return ASCII[ch];
    }
    int i = FROM.indexOf(ch);
    return i >= 0 ? TO.charAt(i) : ch;
  }

  /** Removes accents and Polish letters: "Łukasz Wiśniewski" becomes "Lukasz Wisniewski"; ß becomes ss. */
  static String deaccent(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == 'ß') {
        sb.append("ss");
      } else {
        sb.append(plain(ch));
      }
    }
    return sb.toString();
  }

  /** Lower case ASCII letters and digits only: for handles and e-mail local parts. */
  static String slug(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == 'ß') {
        sb.append("ss");
        continue;
      }
      ch = Character.toLowerCase(plain(ch));
      if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
        sb.append(ch);
      }
    }
    return sb.toString();
  }
}

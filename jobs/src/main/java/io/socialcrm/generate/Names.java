package io.socialcrm.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Fixed dictionaries of people: countries, first names with nicknames, last names, cities, e-mail domains. */
final class Names {
  private Names() {}

  /** A first name and the nicknames people use on social media (Kasia for Katarzyna, Pepe for José). */
  record FirstName(String name, boolean female, String... nicknames) {}

  /** A last name; Polish ones have a feminine form (Kowalski, Kowalska). */
  record LastName(String male, String female) {
    String forGender(boolean isFemale) {
      return isFemale ? female : male;
    }
  }

  /** A city: the local spelling, the English one, and the region as LinkedIn prints it. */
  record City(String local, String english, String region) {}

  record Country(
      String code, String language, String localName, String englishName, String flag, double weight,
      List<FirstName> firstNames, List<LastName> lastNames, List<City> cities, String[] emailDomains,
      String currency) {}

  private static FirstName f(String name, String... nick) {
    return new FirstName(name, true, nick);
  }

  private static FirstName m(String name, String... nick) {
    return new FirstName(name, false, nick);
  }

  private static List<LastName> same(String... names) {
    return java.util.Arrays.stream(names).map(n -> new LastName(n, n)).toList();
  }

  private static LastName pl(String male, String female) {
    return new LastName(male, female);
  }

  private static City c(String local, String english, String region) {
    return new City(local, english, region);
  }

  private static final List<FirstName> SPANISH_FIRST = List.of(
      m("José", "Pepe", "Pepito"), m("Francisco", "Paco", "Curro"), m("Manuel", "Manolo", "Manu"),
      m("Jesús", "Chus", "Chuy"), m("Ignacio", "Nacho"), m("Antonio", "Toni", "Antoñito"), m("Javier", "Javi"),
      m("Alejandro", "Álex", "Ale"), m("Guillermo", "Guille", "Memo"), m("Rafael", "Rafa"), m("Íñigo", "Iñi"),
      m("Sergio", "Sergi"), m("Andrés", "Andy"), m("Joaquín", "Quino"), m("Ramón", "Moncho"),
      f("María", "Mari", "Maruja"), f("Dolores", "Lola", "Loli"), f("Concepción", "Concha", "Conchi"),
      f("Lucía", "Lu"), f("Begoña", "Bego"), f("Inmaculada", "Inma"), f("Rocío", "Ro"), f("Guadalupe", "Lupe"),
      f("Pilar", "Pili"), f("Montserrat", "Montse"), f("Mercedes", "Merche"), f("Cristina", "Cris"),
      f("Ana Belén", "Anabel"), f("Carmen", "Mamen", "Carmencita"), f("Beatriz", "Bea"));
  private static final List<LastName> SPANISH_LAST = same(
      "García", "Martínez", "López", "Sánchez", "González", "Rodríguez", "Fernández", "Pérez", "Gómez", "Muñoz",
      "Jiménez", "Ruiz", "Hernández", "Díaz", "Álvarez", "Moreno", "Romero", "Núñez", "Peña", "Ibáñez",
      "Castillo", "Ortega", "Domínguez", "Vázquez", "Gutiérrez", "Blanco", "Suárez", "Medina", "Garrido",
      "Cortés");
  private static final List<FirstName> MEXICAN_FIRST = List.of(
      m("José Luis", "Pepe", "Joselo"), m("Guadalupe", "Lupe"), m("Jesús", "Chuy"), m("Francisco", "Pancho"),
      m("Alejandro", "Álex"), m("Eduardo", "Lalo"), m("Enrique", "Kike"), m("Rodrigo", "Rodri"),
      f("Guadalupe", "Lupita"), f("María José", "Majo"), f("Ximena", "Xime"), f("Fernanda", "Fer"),
      f("Mariana", "Mari"), f("Socorro", "Coco"), f("Dolores", "Lola"));
  private static final List<LastName> MEXICAN_LAST = same(
      "Hernández", "García", "Martínez", "López", "González", "Pérez", "Rodríguez", "Sánchez", "Ramírez", "Cruz",
      "Flores", "Gómez", "Morales", "Vázquez", "Reyes", "Jiménez", "Torres", "Díaz", "Gutiérrez", "Ruiz");
  private static final List<FirstName> POLISH_FIRST = List.of(
      f("Katarzyna", "Kasia", "Kaśka"), f("Małgorzata", "Gosia", "Małgosia"), f("Aleksandra", "Ola", "Olka"),
      f("Agnieszka", "Aga", "Agusia"), f("Zofia", "Zosia"), f("Magdalena", "Magda", "Madzia"),
      f("Joanna", "Asia", "Joasia"), f("Elżbieta", "Ela", "Elka"), f("Barbara", "Basia"),
      f("Dorota", "Dorotka"), f("Anna", "Ania", "Anka"), f("Ewa", "Ewka"), f("Justyna", "Justa"),
      f("Weronika", "Wera"), f("Łucja", "Łucka"),
      m("Jakub", "Kuba", "Kubuś"), m("Wojciech", "Wojtek"), m("Grzegorz", "Grzesiek", "Grześ"),
      m("Tomasz", "Tomek"), m("Piotr", "Piotrek"), m("Krzysztof", "Krzysiek"), m("Jędrzej", "Jędrek"),
      m("Józef", "Józek"), m("Łukasz", "Łuki"), m("Paweł", "Pawełek"), m("Michał", "Michu", "Misiek"),
      m("Stanisław", "Staszek"), m("Przemysław", "Przemek"), m("Maciej", "Maciek"), m("Bartłomiej", "Bartek"));
  private static final List<LastName> POLISH_LAST = List.of(
      pl("Nowak", "Nowak"), pl("Kowalski", "Kowalska"), pl("Wiśniewski", "Wiśniewska"), pl("Wójcik", "Wójcik"),
      pl("Kowalczyk", "Kowalczyk"), pl("Kamiński", "Kamińska"), pl("Lewandowski", "Lewandowska"),
      pl("Zieliński", "Zielińska"), pl("Szymański", "Szymańska"), pl("Woźniak", "Woźniak"),
      pl("Dąbrowski", "Dąbrowska"), pl("Kozłowski", "Kozłowska"), pl("Jankowski", "Jankowska"),
      pl("Mazur", "Mazur"), pl("Krawczyk", "Krawczyk"), pl("Piotrowski", "Piotrowska"),
      pl("Grabowski", "Grabowska"), pl("Pawłowski", "Pawłowska"), pl("Michalski", "Michalska"),
      pl("Król", "Król"), pl("Wieczorek", "Wieczorek"), pl("Jabłoński", "Jabłońska"), pl("Wróbel", "Wróbel"),
      pl("Zając", "Zając"), pl("Stępień", "Stępień"), pl("Sikora", "Sikora"), pl("Łuczak", "Łuczak"),
      pl("Żak", "Żak"), pl("Źrebiec", "Źrebiec"), pl("Ślusarczyk", "Ślusarczyk"), pl("Gąsiorowski", "Gąsiorowska"),
      pl("Bąk", "Bąk"));
  private static final List<FirstName> ENGLISH_FIRST = List.of(
      m("William", "Bill", "Will"), m("Robert", "Bob", "Rob"), m("Richard", "Rich", "Dick"), m("James", "Jim", "Jamie"),
      m("Michael", "Mike", "Mick"), m("Christopher", "Chris"), m("Thomas", "Tom", "Tommy"), m("Joseph", "Joe"),
      m("Daniel", "Dan", "Danny"), m("Edward", "Ed", "Ted"), m("Alexander", "Alex", "Sandy"), m("Anthony", "Tony"),
      m("Matthew", "Matt"), m("Nicholas", "Nick"), m("Benjamin", "Ben"),
      f("Elizabeth", "Liz", "Beth"), f("Katherine", "Kate", "Katie"), f("Margaret", "Maggie", "Peggy"),
      f("Jennifer", "Jen", "Jenny"), f("Samantha", "Sam"), f("Jessica", "Jess"), f("Patricia", "Pat", "Trish"),
      f("Rebecca", "Becky"), f("Victoria", "Vicky", "Tori"), f("Abigail", "Abby"), f("Susan", "Sue"),
      f("Deborah", "Debbie"), f("Charlotte", "Lottie"), f("Eleanor", "Ellie"), f("Amanda", "Mandy"));
  private static final List<LastName> ENGLISH_LAST = same(
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Taylor", "Wilson", "Anderson",
      "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Walker",
      "Hall", "Young", "King", "O'Brien", "Murphy", "Evans", "Hughes", "Wright", "Green");
  private static final List<FirstName> GERMAN_FIRST = List.of(
      m("Jürgen", "Jü"), m("Günther", "Günni"), m("Johannes", "Hannes", "Jo"), m("Wolfgang", "Wolfi"),
      m("Andreas", "Andi"), m("Stefan", "Steff"), m("Maximilian", "Max"), m("Matthias", "Matze"),
      m("Thomas", "Tommi"), m("Sebastian", "Basti"),
      f("Katharina", "Kathi", "Kati"), f("Käthe", "Kätchen"), f("Sabine", "Bine"), f("Stefanie", "Steffi"),
      f("Susanne", "Susi"), f("Franziska", "Franzi"), f("Christiane", "Christel"), f("Brigitte", "Gitti"),
      f("Margarete", "Grete"), f("Elisabeth", "Lisbeth", "Sissi"));
  private static final List<LastName> GERMAN_LAST = same(
      "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schäfer", "Köhler",
      "Groß", "Hoffmann", "Schulz", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann");

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
      new Country("ES", "es", "España", "Spain", "🇪🇸", 0.30, SPANISH_FIRST, SPANISH_LAST, SPANISH_CITIES,
          new String[] {"gmail.com", "hotmail.es", "yahoo.es", "telefonica.net", "outlook.es", "gmail.com"}, "EUR"),
      new Country("PL", "pl", "Polska", "Poland", "🇵🇱", 0.30, POLISH_FIRST, POLISH_LAST, POLISH_CITIES,
          new String[] {"wp.pl", "onet.pl", "interia.pl", "o2.pl", "gmail.com", "gmail.com"}, "PLN"),
      new Country("GB", "en", "United Kingdom", "UK", "🇬🇧", 0.12, ENGLISH_FIRST, ENGLISH_LAST, BRITISH_CITIES,
          new String[] {"gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk"}, "GBP"),
      new Country("US", "en", "United States", "USA", "🇺🇸", 0.12, ENGLISH_FIRST, ENGLISH_LAST, US_CITIES,
          new String[] {"gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com"}, "USD"),
      new Country("DE", "en", "Deutschland", "Germany", "🇩🇪", 0.08, GERMAN_FIRST, GERMAN_LAST, GERMAN_CITIES,
          new String[] {"gmx.de", "web.de", "t-online.de", "gmail.com"}, "EUR"),
      new Country("MX", "es", "México", "Mexico", "🇲🇽", 0.05, MEXICAN_FIRST, MEXICAN_LAST, MEXICAN_CITIES,
          new String[] {"gmail.com", "hotmail.com", "yahoo.com.mx", "outlook.com"}, "USD"),
      new Country("IE", "en", "Éire", "Ireland", "🇮🇪", 0.03, ENGLISH_FIRST, ENGLISH_LAST, IRISH_CITIES,
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

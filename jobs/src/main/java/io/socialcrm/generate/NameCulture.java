package io.socialcrm.generate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the people of one naming culture are named: first names by gender and surnames drawn from published frequency
 * tables ({@link NameTable}; sources and licences in {@code scripts/names/SOURCES.md}), a second surname where the
 * culture gives two (Spanish: the father's first surname, then the mother's), gendered surname forms where it has
 * them (Polish: Kowalski, Kowalska), and the nicknames people use on social media for the common first names.
 * Loaded once per JVM from the jar's resources.
 */
final class NameCulture {
  /** English-speaking countries: US Census surnames, US first names. */
  static final String EN = "en";
  /** Spain and Mexico: INE first names and surnames. */
  static final String ES = "es";
  /** Poland. */
  static final String PL = "pl";
  /** Germany. */
  static final String DE = "de";

  private final NameTable firstFemale;
  private final NameTable firstMale;
  private final NameTable lastMale;
  private final NameTable lastFemale;
  private final NameTable secondSurname;
  private final Map<String, String[]> nicknames;

  private NameCulture(NameTable firstFemale, NameTable firstMale, NameTable lastMale, NameTable lastFemale,
      NameTable secondSurname, Map<String, String[]> nicknames) {
    this.firstFemale = firstFemale;
    this.firstMale = firstMale;
    this.lastMale = lastMale;
    this.lastFemale = lastFemale;
    this.secondSurname = secondSurname;
    this.nicknames = nicknames;
  }

  /** The culture of a country's {@code culture} code ({@link #EN}, {@link #ES}, {@link #PL}, {@link #DE}). */
  static NameCulture of(String code) {
    return switch (code) {
      case EN -> Loaded.EN_CULTURE;
      case ES -> Loaded.ES_CULTURE;
      case PL -> Loaded.PL_CULTURE;
      case DE -> Loaded.DE_CULTURE;
      default -> throw new IllegalArgumentException("no naming culture " + code);
    };
  }

  NameTable first(boolean female) {
    return female ? firstFemale : firstMale;
  }

  /** The (first) surname table for a person of that gender. */
  NameTable last(boolean female) {
    return female ? lastFemale : lastMale;
  }

  /** The second surname's table, or null when the culture gives one surname. */
  NameTable secondSurname() {
    return secondSurname;
  }

  /** The nicknames of a first name (Kasia for Katarzyna); the name itself when none is listed. */
  String[] nicknames(String firstName) {
    String[] n = nicknames.get(firstName);
    return n != null ? n : new String[] {firstName};
  }

  /** The tables, loaded on first use (each JVM, driver or executor, reads them from the jar once). */
  private static final class Loaded {
    private static final String[] ROMANCE_ONSETS = {"B", "C", "D", "F", "G", "L", "M", "N", "P", "R", "S", "T",
        "V", "Z", "Br", "Cr", "Gr", "Pr", "Tr", "Ch", "Ll", "Qu", "Ar", "Ol", "Es", "Al", "Ur", "Ib", "Ech", "Or"};
    private static final String[] ROMANCE_MIDDLES = {"a", "e", "i", "o", "u", "ar", "er", "ol", "an", "en", "ir",
        "ue", "ia", "al", "ab", "ed", "il", "on", "ur", "ay", "es", "ag", "im", "oc", "ust"};
    private static final String[] SLAVIC_ONSETS = {"B", "Ch", "D", "G", "J", "K", "Kr", "L", "M", "N", "P", "Pr",
        "R", "S", "Sz", "Cz", "St", "T", "W", "Wr", "Z", "Zb", "Br", "Gw", "Dz", "Ml", "Sk", "Sm", "Tr", "Gr"};
    private static final String[] SLAVIC_MIDDLES = {"a", "e", "o", "u", "y", "ar", "ek", "ol", "an", "ow", "ic",
        "ur", "el", "am", "ab", "ył", "ęb", "ąs", "ot", "iel", "osz", "ał", "ul", "ern", "ob"};
    private static final String[] GERMANIC_ONSETS = {"B", "Br", "D", "F", "G", "H", "K", "L", "M", "N", "R", "S",
        "Sch", "St", "T", "W", "Wr", "Kl", "Fl", "Gr", "Bl", "Pf", "Th", "Ash", "Eb", "Hol", "Mor", "Wen", "Ald",
        "Cal"};
    private static final String[] GERMANIC_MIDDLES = {"a", "e", "i", "o", "u", "ar", "er", "ol", "an", "en", "in",
        "ur", "el", "am", "ing", "ald", "ow", "ick", "et", "ern", "ot", "ul", "ith", "ad", "es"};

    private static NameTable.TailStyle romance(String... endings) {
      return new NameTable.TailStyle(ROMANCE_ONSETS, ROMANCE_MIDDLES, endings);
    }

    private static NameTable.TailStyle slavic(String... endings) {
      return new NameTable.TailStyle(SLAVIC_ONSETS, SLAVIC_MIDDLES, endings);
    }

    private static NameTable.TailStyle germanic(String... endings) {
      return new NameTable.TailStyle(GERMANIC_ONSETS, GERMANIC_MIDDLES, endings);
    }

    static final NameCulture EN_CULTURE;
    static final NameCulture ES_CULTURE;
    static final NameCulture PL_CULTURE;
    static final NameCulture DE_CULTURE;

    static {
      NameTable enLast = NameTable.load("us_last.tsv",
          germanic("ton", "ley", "son", "well", "ford", "field", "worth", "by", "ham", "man", "er", "ridge"));
      EN_CULTURE = new NameCulture(
          NameTable.load("us_first_female.tsv", germanic("a", "ie", "ine", "elle", "ette", "ia", "yn", "ey")),
          NameTable.load("us_first_male.tsv", germanic("o", "an", "er", "on", "us", "el", "ard", "y")),
          enLast, enLast, null, nicknames(Names.ENGLISH_NICKNAMES));
      NameTable esLast = NameTable.load("es_last.tsv",
          romance("ez", "ero", "eda", "illo", "ón", "ana", "ueta", "ales", "al", "era"));
      ES_CULTURE = new NameCulture(
          NameTable.load("es_first_female.tsv", romance("a", "ia", "ela", "ina", "ita", "ara")),
          NameTable.load("es_first_male.tsv", romance("o", "io", "el", "án", "ín", "ando")),
          esLast, esLast,
          esLast, nicknames(Names.SPANISH_NICKNAMES));
      PL_CULTURE = new NameCulture(
          NameTable.load("pl_first_female.tsv", slavic("a", "ia", "ina", "ena", "ysia")),
          NameTable.load("pl_first_male.tsv", slavic("ek", "osz", "imir", "usz", "an", "sław")),
          NameTable.load("pl_last_male.tsv", slavic("ski", "cki", "wicz", "ak", "ek", "czyk", "iak", "uk", "owski")),
          NameTable.load("pl_last_female.tsv", slavic("ska", "cka", "wicz", "ak", "ek", "czyk", "iak", "uk", "owska")),
          null, nicknames(Names.POLISH_NICKNAMES));
      // No population table of German names with counts ships in a package (scripts/names/SOURCES.md): German people
      // get the US tables' frequencies, common German names at the top and German-sounding words below them.
      NameTable.TailStyle deSurnames = germanic("mann", "er", "berg", "hardt", "ing", "bauer", "meier", "stein", "ke",
          "rich");
      NameTable deLast = NameTable.shapedLike(enLast, List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber",
          "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf",
          "Schröder", "Neumann", "Schwarz", "Zimmermann", "Braun", "Krüger", "Hofmann", "Hartmann", "Lange",
          "Schmitt", "Werner", "Schmitz", "Krause", "Meier", "Lehmann", "Schmid", "Schulze", "Maier", "Köhler",
          "Herrmann", "König", "Walter", "Mayer", "Huber", "Kaiser", "Fuchs", "Peters", "Lang", "Scholz", "Möller",
          "Weiß", "Jung", "Hahn", "Schubert", "Groß"), deSurnames);
      DE_CULTURE = new NameCulture(
          NameTable.shapedLike(EN_CULTURE.firstFemale, List.of("Maria", "Ursula", "Monika", "Petra", "Elisabeth",
              "Sabine", "Renate", "Helga", "Karin", "Brigitte", "Ingrid", "Erika", "Andrea", "Gisela", "Claudia",
              "Susanne", "Gabriele", "Christa", "Christine", "Hildegard", "Anna", "Birgit", "Barbara", "Julia",
              "Stefanie", "Katharina", "Franziska", "Margarete", "Käthe", "Christiane"),
              germanic("a", "e", "ine", "ild", "ke", "traud")),
          NameTable.shapedLike(EN_CULTURE.firstMale, List.of("Peter", "Michael", "Thomas", "Andreas", "Wolfgang",
              "Klaus", "Jürgen", "Günter", "Stefan", "Christian", "Uwe", "Werner", "Horst", "Frank", "Dieter",
              "Manfred", "Gerhard", "Hans", "Bernd", "Torsten", "Matthias", "Helmut", "Martin", "Ralf", "Sebastian",
              "Johannes", "Maximilian", "Alexander", "Günther", "Jan"),
              germanic("er", "ert", "old", "helm", "mar", "fried")),
          deLast, deLast, null, nicknames(Names.GERMAN_NICKNAMES));
    }

    private static Map<String, String[]> nicknames(List<String[]> rows) {
      Map<String, String[]> m = new HashMap<>();
      for (String[] row : rows) {
        String[] nick = new String[row.length - 1];
        System.arraycopy(row, 1, nick, 0, nick.length);
        m.put(row[0], nick);
      }
      return m;
    }
  }
}

package io.socialcrm.marts;

import io.socialcrm.common.CsvResource;
import io.socialcrm.common.Errors;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentiment and intent-to-buy lexicons of English, Spanish and Polish, shipped as data in
 * {@code schemas/lexicons/} (see its README: format, licence, how scores combine) and read from the class path.
 * Per language: {@code sentiment_<lang>.csv} (term,score; a term is a word or a phrase of up to three words, scores
 * in -4..4), {@code negators_<lang>.csv} (term), {@code intensifiers_<lang>.csv} (term,boost; boosts in -1..1),
 * {@code intent_<lang>.csv} (phrase,when; when = any, or question: the phrase counts only in a question) and
 * {@code stopwords_<lang>.csv} (term; frequent function words, used to recognise the language); for all languages
 * {@code sentiment_emoji.csv} (symbol,score: emoji and emoticons). Terms are lower case; inflected forms and
 * accent-free spellings are rows of their own.
 */
public final class Lexicons {
  /** Class-path folder of the lexicons. */
  public static final String FOLDER = "schemas/lexicons";
  /** The languages with lexicons; the first is the default and the fallback for words of other languages. */
  public static final List<String> LANGUAGES = List.of("en", "es", "pl");
  public static final String ENGLISH = "en";
  /** Scores of terms and emoji lie in [-MAX_SCORE, MAX_SCORE]. */
  public static final double MAX_SCORE = 4;
  /** Longest sentiment phrase, in words. */
  public static final int MAX_WORDS = 3;
  /** Emoji presentation selector and skin-tone modifiers: dropped from texts and symbols before matching. */
  public static final String EMOJI_MODIFIERS = "[\\x{FE0F}\\x{1F3FB}-\\x{1F3FF}]";
  /**
   * What can be an emoji or emoticon in a (lower-case) text: one pictographic character, or 2 to 4 ASCII face
   * characters standing alone (after a space or the start, before a space, punctuation or the end: not "https://",
   * not "10:30"). Every symbol of {@code sentiment_emoji.csv} must be one.
   */
  public static final String SYMBOL_PATTERN = "[\\x{1F000}-\\x{1FAFF}\\x{2190}-\\x{21FF}\\x{2300}-\\x{23FF}"
      + "\\x{2600}-\\x{27BF}\\x{2B00}-\\x{2BFF}]|(?<!\\S)[:;=8x^<>()\\[\\]'*/\\\\|_\\-3dpo]{2,4}(?![^\\s.,!?])";

  /** A phrase signalling intent to buy; a question-only phrase ("price", "in stock") counts only in a question. */
  public record IntentPhrase(String phrase, boolean questionOnly) {}

  /** One language's lists (terms lower case). */
  public record Language(String code, Map<String, Double> sentiment, Set<String> negators,
      Map<String, Double> intensifiers, List<IntentPhrase> intent, Set<String> stopwords) {}

  private static volatile Lexicons shipped;

  private final Map<String, Language> languages;
  private final Map<String, Double> emoji;

  private Lexicons(Map<String, Language> languages, Map<String, Double> emoji) {
    this.languages = languages;
    this.emoji = emoji;
  }

  /** The lexicons shipped in {@link #FOLDER} (read once). */
  public static Lexicons shipped() {
    if (shipped == null) {
      shipped = load(FOLDER);
    }
    return shipped;
  }

  /** Reads and checks the lexicons of every language in {@link #LANGUAGES} from a class-path folder. */
  public static Lexicons load(String folder) {
    Map<String, Language> languages = new LinkedHashMap<>();
    for (String code : LANGUAGES) {
      languages.put(code, new Language(code,
          scores(folder + "/sentiment_" + code + ".csv", "term,score", MAX_SCORE, MAX_WORDS),
          terms(folder + "/negators_" + code + ".csv"),
          scores(folder + "/intensifiers_" + code + ".csv", "term,boost", 1, 1),
          intent(folder + "/intent_" + code + ".csv"),
          terms(folder + "/stopwords_" + code + ".csv")));
    }
    return new Lexicons(Collections.unmodifiableMap(languages), emoji(folder + "/sentiment_emoji.csv"));
  }

  /** A language's own lists, as shipped. */
  public Language language(String code) {
    Language l = languages.get(code);
    if (l == null) {
      throw new IllegalArgumentException("no lexicon for language " + code + "; languages: " + LANGUAGES);
    }
    return l;
  }

  /** Emoji and emoticons (modifiers dropped) → score, for texts of any language. */
  public Map<String, Double> emoji() {
    return emoji;
  }

  /**
   * The lists a post of the language is scored with: its own, completed with the English entries it does not define
   * (posts mix in English words: "customer service cero"), except English entries spelled like one of the
   * language's function words or negators. Stop words stay the language's own.
   */
  public Language withEnglish(String code) {
    Language own = language(code);
    if (code.equals(ENGLISH)) {
      return own;
    }
    Language en = language(ENGLISH);
    Set<String> ownWords = new HashSet<>(own.stopwords());
    ownWords.addAll(own.negators());
    Map<String, Double> sentiment = new LinkedHashMap<>();
    en.sentiment().forEach((t, s) -> {
      if (!ownWords.contains(t)) {
        sentiment.put(t, s);
      }
    });
    sentiment.putAll(own.sentiment());
    Map<String, Double> intensifiers = new LinkedHashMap<>();
    en.intensifiers().forEach((t, s) -> {
      if (!ownWords.contains(t)) {
        intensifiers.put(t, s);
      }
    });
    intensifiers.putAll(own.intensifiers());
    Set<String> negators = new LinkedHashSet<>(own.negators());
    negators.addAll(en.negators());
    List<IntentPhrase> intent = new ArrayList<>(own.intent());
    Set<String> ownPhrases = new HashSet<>();
    own.intent().forEach(p -> ownPhrases.add(p.phrase()));
    en.intent().stream().filter(p -> !ownPhrases.contains(p.phrase())).forEach(intent::add);
    return new Language(code, sentiment, negators, intensifiers, intent, own.stopwords());
  }

  /**
   * Words that tell the language of a text: its stop words and one-word sentiment terms that no other language
   * lists (so "super", "top" or "fatal", shared by several, tell nothing).
   */
  public Set<String> detectionWords(String code) {
    Set<String> words = wordsOf(language(code));
    for (String other : LANGUAGES) {
      if (!other.equals(code)) {
        words.removeAll(wordsOf(language(other)));
      }
    }
    return words;
  }

  private static Set<String> wordsOf(Language l) {
    Set<String> words = new LinkedHashSet<>(l.stopwords());
    l.sentiment().keySet().stream().filter(t -> !t.contains(" ")).forEach(words::add);
    return words;
  }

  /** Reads a two-column lexicon (term, number): numbers within ±limit, terms of at most maxWords words. */
  static Map<String, Double> scores(String resource, String header, double limit, int maxWords) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (CsvResource.Line line : lines(resource, header)) {
      if (line.fields().length != 2) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + " is not " + header);
      }
      String term = term(resource, line, line.fields()[0], maxWords);
      double score;
      try {
        score = Double.parseDouble(line.fields()[1].strip());
      } catch (NumberFormatException e) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + line.fields()[1] + "' is not a number");
      }
      if (Double.isNaN(score) || Math.abs(score) > limit) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + ": " + score + " is outside -" + limit + ".."
            + limit);
      }
      if (out.put(term, score) != null) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + term + "' is listed twice");
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** Reads the emoji lexicon: symbols (modifiers dropped) that {@link #SYMBOL_PATTERN} finds in a text. */
  static Map<String, Double> emoji(String resource) {
    Map<String, Double> emoji = new LinkedHashMap<>();
    Pattern symbolPattern = Pattern.compile(SYMBOL_PATTERN);
    scores(resource, "symbol,score", MAX_SCORE, 1).forEach((symbol, score) -> {
      String bare = symbol.replaceAll(EMOJI_MODIFIERS, "");
      if (!symbolPattern.matcher(bare).matches()) {
        throw Errors.invalidLexicon(resource, "'" + symbol + "' is neither one pictographic character nor an"
            + " ASCII emoticon of 2 to 4 characters");
      }
      emoji.put(bare, score);
    });
    return Collections.unmodifiableMap(emoji);
  }

  /** Reads a one-column list of single words. */
  static Set<String> terms(String resource) {
    Set<String> out = new LinkedHashSet<>();
    for (CsvResource.Line line : lines(resource, "term")) {
      if (line.fields().length != 1) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + " is not a single term");
      }
      if (!out.add(term(resource, line, line.fields()[0], 1))) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + line.fields()[0] + "' is listed twice");
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private static List<IntentPhrase> intent(String resource) {
    List<IntentPhrase> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (CsvResource.Line line : lines(resource, "phrase,when")) {
      String[] f = line.fields();
      if (f.length != 2 || !(f[1].strip().equals("any") || f[1].strip().equals("question"))) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + " is not <phrase>,<any|question>");
      }
      String phrase = term(resource, line, f[0], Integer.MAX_VALUE);
      if (!seen.add(phrase)) {
        throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + phrase + "' is listed twice");
      }
      out.add(new IntentPhrase(phrase, f[1].strip().equals("question")));
    }
    return List.copyOf(out);
  }

  /** A term as matched: lower case, words separated by single spaces. */
  private static String term(String resource, CsvResource.Line line, String raw, int maxWords) {
    String t = raw.strip();
    if (t.isEmpty() || !t.equals(t.toLowerCase(Locale.ROOT)) || t.contains("  ") || t.contains("|")) {
      throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + raw
          + "' must be a lower-case term (words separated by one space, no '|')");
    }
    if (t.split(" ").length > maxWords) {
      throw Errors.invalidLexicon(resource, "line " + line.number() + ": '" + raw + "' has more than " + maxWords
          + " word(s)");
    }
    return t;
  }

  private static List<CsvResource.Line> lines(String resource, String header) {
    return CsvResource.read(resource, header, Errors::invalidLexicon);
  }
}

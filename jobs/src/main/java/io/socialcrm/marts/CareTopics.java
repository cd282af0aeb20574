package io.socialcrm.marts;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import io.socialcrm.conform.Brands;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;

/**
 * Care-queue routing rules from {@code schemas/reference/care_topics.json}: keyword lists per topic and language
 * that name what a mention is about (billing, returns, defect, delivery, sales ...) and the team template
 * ({@code care-{lang}-delivery}, {@code sales-{lang}}) that should answer it. Kept as data so care leads can tune
 * the words without a code change; applied with Spark built-ins (regular expressions over the folded text).
 */
public record CareTopics(List<String> languages, String defaultLanguage, String intentTopic, Topic fallback,
    List<Topic> topics) {

  /** Class-path resource the rules are read from. */
  public static final String RESOURCE = "schemas/reference/care_topics.json";

  /** One topic: its name, its team template ({lang} = the mention's language) and its keywords per language. */
  public record Topic(@JsonProperty("topic") String topic, @JsonProperty("team") String team,
      @JsonProperty("keywords") Map<String, List<String>> keywords) {}

  private record File(@JsonProperty("description") String description,
      @JsonProperty("languages") List<String> languages, @JsonProperty("default_language") String defaultLanguage,
      @JsonProperty("intent_topic") String intentTopic, @JsonProperty("fallback") Topic fallback,
      @JsonProperty("topics") List<Topic> topics) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  /** Loads and checks {@link #RESOURCE}. */
  public static CareTopics load() {
    try (InputStream in = CareTopics.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw Errors.invalidReferenceData(RESOURCE, "not found on the class path");
      }
      File f = JSON.readValue(in, File.class);
      if (f.languages() == null || f.languages().isEmpty() || !f.languages().contains(f.defaultLanguage())) {
        throw Errors.invalidReferenceData(RESOURCE, "needs languages and a default_language among them");
      }
      if (f.topics() == null || f.topics().isEmpty() || f.fallback() == null || f.fallback().team() == null) {
        throw Errors.invalidReferenceData(RESOURCE, "needs topics and a fallback with a team");
      }
      for (Topic t : f.topics()) {
        if (t.topic() == null || t.team() == null || t.keywords() == null
            || !t.keywords().keySet().equals(Set.copyOf(f.languages()))
            || t.keywords().values().stream().anyMatch(k -> k == null || k.isEmpty())) {
          throw Errors.invalidReferenceData(RESOURCE, "topic " + t.topic() + " needs a team and keywords for "
              + "exactly the languages " + f.languages());
        }
      }
      if (f.topics().stream().noneMatch(t -> t.topic().equals(f.intentTopic()))) {
        throw Errors.invalidReferenceData(RESOURCE, "intent_topic '" + f.intentTopic() + "' is not a topic");
      }
      return new CareTopics(List.copyOf(f.languages()), f.defaultLanguage(), f.intentTopic(), f.fallback(),
          List.copyOf(f.topics()));
    } catch (IOException e) {
      throw Errors.invalidReferenceData(RESOURCE, Errors.rootMessage(e));
    }
  }

  /**
   * The topic of a text: the first topic (file order) one of whose keywords, in any language, starts a word of the
   * text; else the intent topic when {@code intentToBuy}; else the fallback topic.
   */
  public Column topic(Column text, Column intentToBuy) {
    Column folded = Brands.foldText(text);
    Column out = null;
    for (Topic t : topics) {
      Column hit = coalesce(folded.rlike(pattern(t.keywords().values().stream().flatMap(List::stream).toList())),
          lit(false));
      out = out == null ? when(hit, lit(t.topic())) : out.when(hit, lit(t.topic()));
    }
    return out.when(coalesce(intentToBuy, lit(false)), lit(intentTopic)).otherwise(lit(fallback.topic()));
  }

  /**
   * The language a mention is handled in: {@code lang} when it is one of the languages, else the first language
   * (file order) one of whose keywords starts a word of the text, else the default language.
   */
  public Column language(Column lang, Column text) {
    Column folded = Brands.foldText(text);
    Column l = lower(lang);
    Column out = when(l.isin(languages.toArray()), l);
    for (String language : languages) {
      List<String> words = topics.stream().flatMap(t -> t.keywords().get(language).stream()).toList();
      out = out.when(coalesce(folded.rlike(pattern(words)), lit(false)), lit(language));
    }
    return out.otherwise(lit(defaultLanguage));
  }

  /** The suggested team: the topic's team template with {lang} replaced by {@code language}. */
  public Column team(Column language, Column topic) {
    Column out = null;
    for (Topic t : topics) {
      Column hit = topic.equalTo(lit(t.topic()));
      out = out == null ? when(hit, fill(t.team(), language)) : out.when(hit, fill(t.team(), language));
    }
    return out.otherwise(fill(fallback.team(), language)).cast(DataTypes.StringType);
  }

  private static Column fill(String template, Column language) {
    int at = template.indexOf("{lang}");
    return at < 0 ? lit(template)
        : concat(lit(template.substring(0, at)), language, lit(template.substring(at + "{lang}".length())));
  }

  /** A regular expression matching any of the keywords (folded) at the start of a word. */
  private static String pattern(List<String> keywords) {
    return "(?<![\\p{L}\\p{N}_])(?:" + keywords.stream().map(k -> Pattern.quote(fold(k)))
        .collect(Collectors.joining("|")) + ")";
  }

  /** Lower case without accents, as {@link Brands#foldText} folds the texts (ł→l has no decomposition). */
  static String fold(String keyword) {
    String decomposed = Normalizer.normalize(keyword.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").replace('ł', 'l').replace("ß", "ss").trim();
  }
}

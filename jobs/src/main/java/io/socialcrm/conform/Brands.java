package io.socialcrm.conform;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_min;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_instr;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.translate;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socialcrm.common.Errors;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The tracked brands (the own brand and its competitors) from {@code schemas/reference/brands.json} on the class
 * path, and the brand lookups silver transforms need: Column expressions that name the brand of an account, a
 * LinkedIn organization or a text, and a small (broadcastable) Dataset of the brands' accounts.
 */
public final class Brands {
  /** Class-path resource the brands are read from. */
  public static final String RESOURCE = "schemas/reference/brands.json";

  /** One tracked brand: its name (the value of {@code campaigns.brand}), whether it is the own brand, its accounts. */
  public record Brand(
      @JsonProperty("name") String name,
      @JsonProperty("own") boolean own,
      @JsonProperty("x_username") String xUsername,
      @JsonProperty("x_user_id") String xUserId,
      @JsonProperty("facebook_page_id") String facebookPageId,
      @JsonProperty("facebook_page_name") String facebookPageName,
      @JsonProperty("linkedin_organization") String linkedinOrganization,
      @JsonProperty("hashtags") List<String> hashtags,
      @JsonProperty("domain") String domain,
      @JsonProperty("aliases") List<String> aliases) implements Serializable {

    /** Every term naming the brand in text (aliases, username, hashtags, domain), folded, longest first. */
    public List<String> textTerms() {
      Set<String> terms = new LinkedHashSet<>();
      aliases.forEach(a -> terms.add(fold(a)));
      terms.add(fold(xUsername));
      hashtags.forEach(h -> terms.add(fold(h)));
      terms.add(fold(domain));
      return terms.stream().sorted(Comparator.comparingInt(String::length).reversed().thenComparing(t -> t)).toList();
    }
  }

  private record File(@JsonProperty("description") String description, @JsonProperty("brands") List<Brand> brands) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
  private static volatile List<Brand> all;

  private Brands() {}

  /** Every tracked brand, in file order (loaded and checked once). */
  public static List<Brand> all() {
    if (all == null) {
      all = load(RESOURCE);
    }
    return all;
  }

  /** The own brand (the one brand with {@code own: true}). */
  public static Brand own() {
    return all().stream().filter(Brand::own).findFirst().orElseThrow();
  }

  /** Parses and checks a brands resource: one own brand, every field present, unique names and account ids. */
  static List<Brand> load(String resource) {
    try (InputStream in = Brands.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw Errors.invalidReferenceData(resource, "not found on the class path");
      }
      File f = JSON.readValue(in, File.class);
      if (f.brands() == null || f.brands().isEmpty()) {
        throw Errors.invalidReferenceData(resource, "no brands");
      }
      Set<String> seen = new HashSet<>();
      for (Brand b : f.brands()) {
        List<String> fields = List.of(String.valueOf(b.name()), String.valueOf(b.xUsername()),
            String.valueOf(b.xUserId()), String.valueOf(b.facebookPageId()), String.valueOf(b.facebookPageName()),
            String.valueOf(b.linkedinOrganization()), String.valueOf(b.domain()));
        if (fields.contains("null") || b.hashtags() == null || b.aliases() == null || b.aliases().isEmpty()) {
          throw Errors.invalidReferenceData(resource, "brand " + b.name() + " lacks a field (every field and at "
              + "least one alias are required)");
        }
        for (String key : List.of("name:" + b.name(), "x:" + b.xUserId(), "fb:" + b.facebookPageId(),
            "li:" + b.linkedinOrganization())) {
          if (!seen.add(key)) {
            throw Errors.invalidReferenceData(resource, "'" + key + "' is declared twice");
          }
        }
      }
      if (f.brands().stream().filter(Brand::own).count() != 1) {
        throw Errors.invalidReferenceData(resource, "exactly one brand must have own: true");
      }
      return List.copyOf(f.brands());
    } catch (IOException e) {
      throw Errors.invalidReferenceData(resource, Errors.rootMessage(e));
    }
  }

  // ---- folding (accent- and case-insensitive matching with Spark built-ins) ----

  /** Letters with diacritics (Spanish, Polish, German, Nordic, ...) and the letter each folds to. */
  private static final String[][] FOLDS = {
      {"áàâäãåāăą", "a"}, {"çćč", "c"}, {"ďđ", "d"}, {"éèêëēėęě", "e"}, {"ğ", "g"}, {"íìîïīįı", "i"},
      {"łľĺ", "l"}, {"ñńň", "n"}, {"óòôöõøōő", "o"}, {"ŕř", "r"}, {"śšş", "s"}, {"ťţ", "t"},
      {"úùûüūůűų", "u"}, {"ýÿ", "y"}, {"źżž", "z"}};
  private static final String FOLD_FROM;
  private static final String FOLD_TO;

  static {
    StringBuilder from = new StringBuilder();
    StringBuilder to = new StringBuilder();
    for (String[] f : FOLDS) {
      from.append(f[0]);
      to.append(f[1].repeat(f[0].length()));
    }
    FOLD_FROM = from.toString();
    FOLD_TO = to.toString();
  }

  /** Lower case with accents and Polish/German/Nordic letters folded (ł→l, ß→ss, ø→o, æ→ae), as {@link #foldText}. */
  static String fold(String s) {
    String lower = s.toLowerCase(Locale.ROOT);
    StringBuilder sb = new StringBuilder(lower.length());
    for (char ch : lower.toCharArray()) {
      int i = FOLD_FROM.indexOf(ch);
      sb.append(i >= 0 ? FOLD_TO.charAt(i) : ch);
    }
    return sb.toString().replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").trim();
  }

  /** The text in lower case with accents and special Latin letters folded, by Spark built-ins (no UDF). */
  public static Column foldText(Column text) {
    Column folded = translate(lower(text), FOLD_FROM, FOLD_TO);
    folded = regexp_replace(folded, "ß", "ss");
    folded = regexp_replace(folded, "æ", "ae");
    return regexp_replace(folded, "œ", "oe");
  }

  // ---- lookups as Column expressions ----

  /** The name of the brand whose value (by {@code key}) equals the column, else null. */
  private static Column caseOf(Column value, Function<Brand, String> key) {
    Column out = null;
    for (Brand b : all()) {
      Column hit = value.equalTo(lit(key.apply(b)));
      out = out == null ? when(hit, lit(b.name())) : out.when(hit, lit(b.name()));
    }
    return out.otherwise(lit(null).cast(DataTypes.StringType));
  }

  /** The brand whose X account has this user id, else null. */
  public static Column brandOfXUserId(Column userId) {
    return caseOf(userId, Brand::xUserId);
  }

  /** The brand whose X account has this username (case-insensitive, with or without @), else null. */
  public static Column brandOfXUsername(Column username) {
    return caseOf(regexp_replace(lower(trim(username)), "^@", ""), b -> b.xUsername().toLowerCase(Locale.ROOT));
  }

  /** The brand whose Facebook page has this id, else null. */
  public static Column brandOfFacebookPage(Column pageId) {
    return caseOf(pageId, Brand::facebookPageId);
  }

  /**
   * The brand whose own account is (platform, profile_id): an X user id, a Facebook page id or a LinkedIn
   * organization (organizations are not profiles in silver, but they post); else null.
   */
  public static Column brandOfAccount(Column platform, Column profileId) {
    return when(platform.equalTo("x"), brandOfXUserId(profileId))
        .when(platform.equalTo("facebook"), brandOfFacebookPage(profileId))
        .when(platform.equalTo("linkedin"), brandOfLinkedinOrganization(profileId))
        .otherwise(lit(null).cast(DataTypes.StringType));
  }

  /** True when (platform, profile_id) is a tracked brand's own account (see {@link #brandOfAccount}). */
  public static Column isBrandAccount(Column platform, Column profileId) {
    return brandOfAccount(platform, profileId).isNotNull();
  }

  /** True when (platform, profile_id) is the own brand's account. */
  public static Column isOwnBrandAccount(Column platform, Column profileId) {
    return coalesce(isOwnBrand(brandOfAccount(platform, profileId)), lit(false));
  }

  /** The brand of a Facebook post or comment id ({@code <page id>_<post id>}), else null. */
  public static Column brandOfFacebookPostId(Column postId) {
    return brandOfFacebookPage(regexp_replace(postId, "_.*$", ""));
  }

  /** The brand whose LinkedIn organization has this name (case- and accent-insensitive), else null. */
  public static Column brandOfLinkedinOrganization(Column organization) {
    return caseOf(trim(foldText(organization)), b -> fold(b.linkedinOrganization()));
  }

  /** A regular expression (over folded text) matching any term of the brand as a whole word, with optional @ or #. */
  static String textPattern(Brand b) {
    String terms = b.textTerms().stream()
        .map(t -> Pattern.quote(t).replace(" ", "\\E\\s+\\Q"))
        .collect(Collectors.joining("|"));
    return "(?<![\\p{L}\\p{N}_])[@#]?(?:" + terms + ")(?![\\p{L}\\p{N}_])";
  }

  /**
   * The brand named first in the text (by alias, @username, #hashtag or domain; case- and accent-insensitive, whole
   * words), else null. A text naming two brands gets the one named first.
   */
  public static Column brandNamedIn(Column text) {
    Column folded = foldText(text);
    List<Column> hits = new ArrayList<>();
    for (Brand b : all()) {
      hits.add(struct(regexp_instr(folded, lit(textPattern(b))).as("pos"), lit(b.name()).as("brand")));
    }
    Column found = filter(array(hits.toArray(new Column[0])), h -> h.getField("pos").gt(0));
    return array_min(found).getField("brand");
  }

  /** True when the brand named is the own brand, false for a competitor or no brand. */
  public static Column isOwnBrand(Column brand) {
    return brand.isNotNull().and(brand.equalTo(lit(own().name())));
  }

  /** The brand names, own brand first. */
  public static List<String> names() {
    return all().stream().sorted(Comparator.comparing(b -> !b.own())).map(Brand::name).toList();
  }

  /**
   * The brands' accounts as a small Dataset to broadcast: platform ("x", "facebook", "linkedin"), account_id (X user
   * id, Facebook page id, LinkedIn organization name), handle (X username, else null), brand, own.
   */
  public static Dataset<Row> accounts(SparkSession spark) {
    StructType schema = new StructType()
        .add("platform", DataTypes.StringType, false)
        .add("account_id", DataTypes.StringType, false)
        .add("handle", DataTypes.StringType, true)
        .add("brand", DataTypes.StringType, false)
        .add("own", DataTypes.BooleanType, false);
    List<Row> rows = new ArrayList<>();
    for (Brand b : all()) {
      rows.add(RowFactory.create("x", b.xUserId(), b.xUsername(), b.name(), b.own()));
      rows.add(RowFactory.create("facebook", b.facebookPageId(), null, b.name(), b.own()));
      rows.add(RowFactory.create("linkedin", b.linkedinOrganization(), null, b.name(), b.own()));
    }
    return spark.createDataFrame(rows, schema);
  }
}

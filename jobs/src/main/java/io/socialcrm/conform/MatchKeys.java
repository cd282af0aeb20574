package io.socialcrm.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The normalized match keys identity resolution compares: folded text, e-mail, E.164 phone, social handles and
 * ids, URL domains. All are Spark built-ins except {@link #STRIP_ACCENTS}, the one Java UDF (Unicode
 * normalization has no built-in). Every function maps null, blank or unusable input to null.
 */
public final class MatchKeys {
  /** The SQL name {@link #register} gives the accent-stripping UDF. */
  public static final String STRIP_ACCENTS_SQL = "socialcrm_strip_accents";

  /** Letters Unicode decomposition leaves alone, spelled in ASCII (lower and upper case). */
  private static final Map<String, String> SPECIAL_LETTERS = Map.ofEntries(
      Map.entry("ł", "l"), Map.entry("Ł", "L"), Map.entry("ß", "ss"), Map.entry("ẞ", "SS"),
      Map.entry("ø", "o"), Map.entry("Ø", "O"), Map.entry("æ", "ae"), Map.entry("Æ", "AE"),
      Map.entry("đ", "d"), Map.entry("Đ", "D"), Map.entry("œ", "oe"), Map.entry("Œ", "OE"),
      Map.entry("þ", "th"), Map.entry("Þ", "TH"), Map.entry("ı", "i"));

  /** NFKC, the special letters above, then NFKD with combining marks removed: "Łukasz Żółć" → "Lukasz Zolc". */
  public static final UserDefinedFunction STRIP_ACCENTS = functions.udf(
      (UDF1<String, String>) MatchKeys::stripAccents, DataTypes.StringType).withName(STRIP_ACCENTS_SQL);

  /** Country calling codes of the countries whose national numbers are completed (ISO 3166 alpha-2). */
  static final Map<String, String> CALLING_CODES = Map.ofEntries(
      Map.entry("PL", "48"), Map.entry("DE", "49"), Map.entry("ES", "34"), Map.entry("GB", "44"),
      Map.entry("UK", "44"), Map.entry("IE", "353"), Map.entry("US", "1"), Map.entry("CA", "1"),
      Map.entry("FR", "33"), Map.entry("IT", "39"), Map.entry("NL", "31"), Map.entry("MX", "52"),
      Map.entry("AR", "54"), Map.entry("PT", "351"), Map.entry("AT", "43"), Map.entry("CH", "41"),
      Map.entry("BE", "32"));
  /** Countries whose national numbers start with a trunk "0" that E.164 drops (Italy keeps its 0). */
  static final Set<String> TRUNK_ZERO = Set.of("DE", "GB", "UK", "IE", "FR", "NL", "AR", "AT", "CH", "BE");

  private static final String EMAIL_PATTERN = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

  private MatchKeys() {}

  /** Registers {@link #STRIP_ACCENTS} for SQL as {@value #STRIP_ACCENTS_SQL} (the Column functions need no registration). */
  public static void register(SparkSession spark) {
    spark.udf().register(STRIP_ACCENTS_SQL, STRIP_ACCENTS);
  }

  /** The Java side of {@link #STRIP_ACCENTS}. */
  public static String stripAccents(String s) {
    if (s == null) {
      return null;
    }
    String t = Normalizer.normalize(s, Normalizer.Form.NFKC);
    StringBuilder sb = new StringBuilder(t.length());
    t.codePoints().forEach(cp -> {
      String special = SPECIAL_LETTERS.get(new String(Character.toChars(cp)));
      if (special != null) {
        sb.append(special);
      } else {
        sb.appendCodePoint(cp);
      }
    });
    return Normalizer.normalize(sb, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
  }

  /**
   * Folded text for comparisons: Unicode NFKC, accents and special letters to ASCII, lower case, everything
   * but letters and digits (emoji, punctuation) to spaces, whitespace collapsed and trimmed; empty → null.
   */
  public static Column fold(Column text) {
    Column folded = lower(STRIP_ACCENTS.apply(text));
    folded = trim(regexp_replace(folded, "[^\\p{L}\\p{N}]+", " "));
    return blankToNull(folded);
  }

  /**
   * A normalized e-mail: lower case, trimmed, "+tag" removed from the local part, googlemail.com → gmail.com
   * and dots removed from gmail local parts; null unless it looks like an address.
   */
  public static Column email(Column email) {
    Column e = lower(trim(email));
    Column local = regexp_replace(substring_index(e, "@", 1), "\\+.*$", "");
    Column domain = substring_index(e, "@", -1);
    Column gmailDomain = when(domain.equalTo("googlemail.com"), lit("gmail.com")).otherwise(domain);
    Column gmailLocal = when(gmailDomain.equalTo("gmail.com"), regexp_replace(local, "\\.", "")).otherwise(local);
    return when(e.rlike("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$").and(gmailLocal.notEqual(lit(""))),
        concat(gmailLocal, lit("@"), gmailDomain));
  }

  /** The local part of {@link #email}: "Anna.Smith+x@gmail.com" → "annasmith". */
  public static Column emailLocal(Column email) {
    Column e = email(email);
    return when(e.isNotNull(), substring_index(e, "@", 1));
  }

  /** The domain of {@link #email}: "a@GoogleMail.com" → "gmail.com". */
  public static Column emailDomain(Column email) {
    Column e = email(email);
    return when(e.isNotNull(), substring_index(e, "@", -1));
  }

  /**
   * The first e-mail address in a text (a bio), normalized by {@link #email}; null if there is none. The usual
   * disguises against scrapers count: "anna [at] gmail.com", "anna(at)gmail(dot)com".
   */
  public static Column emailInText(Column text) {
    Column plain = regexp_replace(regexp_replace(text, "\\s*[\\[(]\\s*(?i:at)\\s*[\\])]\\s*", "@"),
        "\\s*[\\[(]\\s*(?i:dot)\\s*[\\])]\\s*", ".");
    return email(blankToNull(regexp_extract(plain, EMAIL_PATTERN, 0)));
  }

  /**
   * A phone number in E.164 ("+491773209738"): "(0)", spaces, dashes, dots, slashes and brackets removed, "00"
   * → "+", national numbers completed with the calling code of {@code countryIso2} (dropping the trunk "0" where
   * the country has one, and the "1" of US/CA numbers written with it). Null when no plausible number results.
   */
  public static Column phoneE164(Column phone, Column countryIso2) {
    Column p = regexp_replace(trim(phone), "\\(0\\)", "");
    Column plus = p.startsWith("+").or(p.startsWith("(+"));
    Column digits = regexp_replace(p, "[^0-9]", "");
    Column country = upper(trim(countryIso2));
    Column code = element_at(callingCodes(), country);
    Column national = when(country.isin(TRUNK_ZERO.toArray()), regexp_replace(digits, "^0", ""))
        .when(code.equalTo("1").and(digits.rlike("^1[0-9]{10}$")), digits.substr(2, 20))
        .otherwise(digits);
    Column e164 = when(plus, concat(lit("+"), digits))
        .when(digits.startsWith("00"), concat(lit("+"), digits.substr(3, 30)))
        .when(code.isNotNull(), concat(lit("+"), code, national));
    return when(e164.rlike("^\\+[1-9][0-9]{6,14}$"), e164);
  }

  /**
   * A social handle: lower case, without "@" and without an x.com / twitter.com / linkedin.com/in/ URL around
   * it ("https://x.com/Kasia_W" → "kasia_w", "linkedin.com/in/jose-nunez/" → "jose-nunez").
   */
  public static Column handle(Column handle) {
    Column h = lower(trim(handle));
    Column fromUrl = regexp_extract(h,
        "^(?:https?://)?(?:www\\.|mobile\\.|[a-z]{2}\\.)?(?:x\\.com|twitter\\.com|linkedin\\.com/in)/@?([^/?#\\s]+)", 1);
    Column name = when(fromUrl.notEqual(lit("")), fromUrl).otherwise(regexp_replace(h, "^@+", ""));
    return blankToNull(trim(name));
  }

  /**
   * A Facebook account id: N of "facebook.com/profile.php?id=N", else the vanity name of "facebook.com/name"
   * (lower case), else the value itself (trimmed, lower case).
   */
  public static Column facebookId(Column profile) {
    Column p = lower(trim(profile));
    Column id = regexp_extract(p, "profile\\.php\\?(?:.*&)?id=([0-9]+)", 1);
    Column vanity = regexp_extract(p, "^(?:https?://)?(?:[a-z0-9-]+\\.)?(?:facebook\\.com|fb\\.com)/([^/?#\\s]+)", 1);
    return blankToNull(when(id.notEqual(lit("")), id)
        .when(vanity.notEqual(lit("")).and(vanity.notEqual(lit("profile.php"))), vanity)
        .when(p.contains("facebook.com/").or(p.contains("fb.com/")), lit(""))
        .otherwise(regexp_replace(p, "^@+", "")));
  }

  /** The host of a URL without "www." and port, lower case: "https://www.Nordwind.com/pl?x=1" → "nordwind.com". */
  public static Column urlDomain(Column url) {
    Column host = regexp_extract(lower(trim(url)), "^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/?#]*@)?([^/:?#\\s]+)", 1);
    Column h = regexp_replace(host, "^www\\.", "");
    return when(h.contains("."), h);
  }

  private static Column blankToNull(Column c) {
    return when(c.notEqual(lit("")), c);
  }

  private static Column callingCodes() {
    List<Column> kv = new ArrayList<>();
    CALLING_CODES.forEach((k, v) -> {
      kv.add(lit(k));
      kv.add(lit(v));
    });
    return map(kv.toArray(new Column[0]));
  }
}

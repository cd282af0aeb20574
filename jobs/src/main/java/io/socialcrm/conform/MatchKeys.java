package io.socialcrm.conform;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * The normalized match keys identity resolution compares: folded text, e-mail, E.164 phone, social handles and
 * ids, URL domains. All are Spark built-ins except two Java UDFs: {@link #STRIP_ACCENTS} (Unicode normalization
 * has no built-in) and {@link #PHONE_E164} (Google's libphonenumber, which knows every country's dialling rules).
 * Every function maps null, blank or unusable input to null.
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

  /** The SQL name {@link #register} gives the E.164 UDF. */
  public static final String PHONE_E164_SQL = "socialcrm_phone_e164";
  /** libphonenumber's region for "no country known": only numbers written with "+" parse. */
  private static final String UNKNOWN_REGION = "ZZ";

  /** {@link #phoneE164(String, String)} as a Spark function of (phone, country). */
  public static final UserDefinedFunction PHONE_E164 = functions.udf(
      (UDF2<String, String, String>) MatchKeys::phoneE164, DataTypes.StringType).withName(PHONE_E164_SQL);

  private static final String EMAIL_PATTERN = "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}";

  private MatchKeys() {}

  /**
   * Registers {@link #STRIP_ACCENTS} and {@link #PHONE_E164} for SQL as {@value #STRIP_ACCENTS_SQL} and
   * {@value #PHONE_E164_SQL} (the Column functions need no registration).
   */
  public static void register(SparkSession spark) {
    spark.udf().register(STRIP_ACCENTS_SQL, STRIP_ACCENTS);
    spark.udf().register(PHONE_E164_SQL, PHONE_E164);
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
   * A phone number in E.164 ("+491773209738") by Google's libphonenumber ({@link #PHONE_E164}): parsed with the
   * customer's country ({@code countryIso2}, "UK" read as GB) as the region of a national number, so its trunk
   * prefix, international dialling prefix ("00", "011"), extensions and letters are handled as that country
   * dials; "(0)" is dropped. Null when nothing possible results (too short or long for the country, two numbers, a local
   * number without its area code, a national number without a known country).
   */
  public static Column phoneE164(Column phone, Column countryIso2) {
    return PHONE_E164.apply(phone, countryIso2);
  }

  /** The Java side of {@link #PHONE_E164}: see {@link #phoneE164(Column, Column)}. */
  public static String phoneE164(String phone, String countryIso2) {
    if (phone == null || phone.isBlank()) {
      return null;
    }
    String region = phoneRegion(countryIso2);
    PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    try {
      // "(0)" marks a trunk 0 not dialled from abroad, whatever the country (libphonenumber reads it only where
      // the country has a trunk prefix, so "+48 (0)518 949 920" would keep it).
      Phonenumber.PhoneNumber n = util.parse(phone.replace("(0)", ""), region);
      if (util.isPossibleNumberWithReason(n) != PhoneNumberUtil.ValidationResult.IS_POSSIBLE) {
        n = oldMexicanMobile(util, n);
        if (n == null) {
          return null;
        }
      }
      return util.format(n, PhoneNumberUtil.PhoneNumberFormat.E164);
    } catch (NumberParseException e) {
      // No country to read a national number with: "00" still says an international number follows.
      String t = phone.strip();
      return region.equals(UNKNOWN_REGION) && t.startsWith("00") ? phoneE164("+" + t.substring(2), null) : null;
    }
  }

  /**
   * Mexico dropped its mobile prefixes in 2019 ("+52 1" before the ten digits, "044"/"045" within the country)
   * and libphonenumber no longer reads them, yet people still write them: the number without them, or null.
   */
  private static Phonenumber.PhoneNumber oldMexicanMobile(PhoneNumberUtil util, Phonenumber.PhoneNumber n) {
    if (n.getCountryCode() != 52) {
      return null;
    }
    String national = util.getNationalSignificantNumber(n);
    String rest = national.matches("1[0-9]{10}") ? national.substring(1)
        : national.matches("04[45][0-9]{10}") ? national.substring(3) : null;
    if (rest == null) {
      return null;
    }
    try {
      Phonenumber.PhoneNumber m = util.parse("+52" + rest, UNKNOWN_REGION);
      return util.isPossibleNumberWithReason(m) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE ? m : null;
    } catch (NumberParseException e) {
      return null;
    }
  }

  /** The libphonenumber region of an ISO 3166 alpha-2 country ("UK" → GB); "ZZ" when unknown or null. */
  static String phoneRegion(String countryIso2) {
    if (countryIso2 == null) {
      return UNKNOWN_REGION;
    }
    String c = countryIso2.strip().toUpperCase(Locale.ROOT);
    c = c.equals("UK") ? "GB" : c;
    return PhoneNumberUtil.getInstance().getSupportedRegions().contains(c) ? c : UNKNOWN_REGION;
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

}

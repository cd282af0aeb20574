package io.socialcrm.identity;

import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.socialcrm.common.Errors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Order-insensitive, nickname-aware name keys built from an already folded name (see MatchKeys.fold): tokens
 * with nicknames replaced by a canonical first name (bob→robert, kasia→katarzyna, pepe→jose), from
 * {@code schemas/matching/nicknames.csv}. The nickname map travels inside the expression as a literal map, so
 * every executor gets it with the plan (a broadcast without a join). Apply the same functions to both sides.
 */
public final class NameKeys {
  public static final String NICKNAMES_RESOURCE = "schemas/matching/nicknames.csv";
  /** Column names {@link #withNameKeys} adds. */
  public static final String TOKENS = "name_tokens";
  public static final String KEY = "name_key";
  public static final String FIRST_KEY = "name_first_key";
  public static final String LAST_TOKEN = "name_last_token";
  /** A customer's first name with the first of two or more surnames, as a {@link #KEY} (null for one surname). */
  public static final String FIRST_SURNAME_KEY = "name_first_surname_key";

  private static volatile Map<String, String> nicknames;

  private NameKeys() {}

  /** nickname → canonical first name, as read from {@link #NICKNAMES_RESOURCE} (folded, lower case). */
  public static Map<String, String> nicknames() {
    if (nicknames == null) {
      nicknames = Collections.unmodifiableMap(read());
    }
    return nicknames;
  }

  private static Map<String, String> read() {
    Map<String, String> map = new LinkedHashMap<>();
    try (InputStream in = NameKeys.class.getClassLoader().getResourceAsStream(NICKNAMES_RESOURCE)) {
      if (in == null) {
        throw Errors.invalidMatchConfig("nicknames", NICKNAMES_RESOURCE + " not found on the class path");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int n = 0;
      while ((line = r.readLine()) != null) {
        n++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#") || (n == 1 && line.startsWith("nickname,"))) {
          continue;
        }
        String[] parts = line.split(",");
        if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
          throw Errors.invalidMatchConfig("nicknames", NICKNAMES_RESOURCE + " line " + n
              + ": expected 'nickname,canonical', got '" + line + "'");
        }
        map.put(parts[0].strip(), parts[1].strip());
      }
    } catch (IOException e) {
      throw Errors.invalidMatchConfig("nicknames", Errors.rootMessage(e));
    }
    return map;
  }

  private static Column nicknameMap() {
    Map<String, String> m = nicknames();
    return map_from_arrays(lit(m.keySet().toArray(new String[0])), lit(m.values().toArray(new String[0])));
  }

  /** A folded token with a nickname replaced by its canonical first name. */
  public static Column canonical(Column token) {
    return coalesce(element_at(nicknameMap(), token), token);
  }

  /** The tokens of a folded name, in order, nicknames canonicalized, empty tokens dropped; null for a null name. */
  public static Column orderedTokens(Column foldedName) {
    Column map = nicknameMap();
    Column tokens = filter(split(foldedName, " "), t -> length(t).gt(0));
    return when(foldedName.isNull(), lit(null))
        .otherwise(transform(tokens, t -> coalesce(element_at(map, t), t)));
  }

  /** The canonical tokens of a folded name, sorted: the same for "Bob Smith", "smith robert" and "Róbert Smith". */
  public static Column tokens(Column foldedName) {
    return array_sort(orderedTokens(foldedName));
  }

  /** The sorted canonical tokens joined with spaces: an exact-match and blocking key. */
  public static Column key(Column foldedName) {
    Column k = array_join(tokens(foldedName), " ");
    return when(k.equalTo(""), lit(null)).otherwise(k);
  }

  /** The canonical form of the first token of a folded name (or first name). */
  public static Column firstKey(Column foldedName) {
    return element_at(orderedTokens(foldedName), 1);
  }

  /** The last token of a folded name (usually the last name, or an initial). */
  public static Column lastToken(Column foldedName) {
    return element_at(orderedTokens(foldedName), -1);
  }

  /**
   * {@link #withNameKeys} of a customer table, plus {@value #FIRST_SURNAME_KEY} from its folded first and last names:
   * the key a Spaniard's account shows when it drops the second surname ("Ana Isabel Blanco" for Ana Isabel Blanco
   * Otero).
   */
  public static Dataset<Row> withCustomerNameKeys(Dataset<Row> df, String foldedNameColumn, String foldedFirstName,
      String foldedLastName) {
    Column surnames = split(df.col(foldedLastName), " ");
    Column firstSurname = concat_ws(" ", df.col(foldedFirstName), element_at(surnames, 1));
    return withNameKeys(df, foldedNameColumn)
        .withColumn(FIRST_SURNAME_KEY, when(size(surnames).gt(1), key(firstSurname)));
  }

  /** Adds {@value #TOKENS}, {@value #KEY}, {@value #FIRST_KEY} and {@value #LAST_TOKEN} computed from a folded name column. */
  public static Dataset<Row> withNameKeys(Dataset<Row> df, String foldedNameColumn) {
    Column name = df.col(foldedNameColumn);
    return df.withColumn(TOKENS, tokens(name))
        .withColumn(KEY, key(name))
        .withColumn(FIRST_KEY, firstKey(name))
        .withColumn(LAST_TOKEN, lastToken(name));
  }
}

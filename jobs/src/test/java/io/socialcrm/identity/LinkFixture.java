package io.socialcrm.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Two small tables of people for {@code socialcrm link}: 40 people on the left (a CSV file), the same 40 on the right
 * (a folder of Parquet files) with typos (every fifth surname has two letters swapped, every seventh date of birth
 * another last digit), and 10 right-only people who share a surname with someone on the left. Writes the match
 * config and the truth (person_id, customer_id) beside them.
 */
public final class LinkFixture {
  public static final int PEOPLE = 40;
  /** The one true pair no blocking rule finds: its surname and its date of birth both have a typo (31 % 5 = 1, 31 % 7 = 3). */
  public static final String UNBLOCKED = "p31";

  static final String[] FIRST = {"anna", "ben", "carla", "david", "emma", "felix", "greta", "hugo", "ida", "jonas",
      "klara", "lukas", "mia", "noah", "olga", "paul", "rosa", "simon", "tina", "ugo"};
  static final String[] LAST = {"adler", "baker", "cohen", "dumont", "eriksen", "fischer", "garcia", "hansen",
      "ivanov", "jensen", "kowalski", "larsen", "moreau", "nowak", "olsen", "petrov", "quinn", "rossi", "schmidt",
      "tanaka", "ueda", "vogel", "weber", "xavier", "young", "zimmer", "albers", "brandt", "castro", "dietz", "engel",
      "falk", "gross", "horn", "iglesias", "jung", "krause", "lang", "maier", "neumann"};
  static final String[] CITIES = {"lyon", "porto", "graz", "turku", "cork"};

  /** Blocking on surname and on date of birth (both train EM) and on city (candidates only; its blocks of 8 x 10 pairs exceed max_block_pairs 20, so they are skipped). */
  public static final String CONFIG = """
      {
        "name": "people",
        "left_id": "person_id",
        "right_id": "customer_id",
        "prior": 0.3,
        "max_block_pairs": 20,
        "auto_link_probability": 0.9,
        "blocking_rules": [
          {"name": "last_name", "conditions_on": ["last_name"], "keys": [{"left": "last_name", "right": "last_name"}]},
          {"name": "dob", "conditions_on": ["dob"], "keys": [{"left": "dob", "right": "dob"}]},
          {"name": "city", "train": false, "keys": [{"left": "city", "right": "city"}]}
        ],
        "comparisons": [
          {"name": "first_name", "left_columns": ["first_name"], "right_columns": ["first_name"], "levels": [
            {"type": "null"}, {"type": "exact", "tf_adjust": true}, {"type": "jaro_winkler", "min": 0.88},
            {"type": "else"}]},
          {"name": "last_name", "left_columns": ["last_name"], "right_columns": ["last_name"], "levels": [
            {"type": "null"}, {"type": "exact", "tf_adjust": true}, {"type": "jaro_winkler", "min": 0.9},
            {"type": "else"}]},
          {"name": "dob", "left_columns": ["dob"], "right_columns": ["dob"], "levels": [
            {"type": "null"}, {"type": "exact"}, {"type": "levenshtein", "max": 1}, {"type": "else"}]},
          {"name": "city", "left_columns": ["city"], "right_columns": ["city"], "levels": [
            {"type": "null"}, {"type": "exact"}, {"type": "else"}]}
        ]
      }
      """;

  private LinkFixture() {
  }

  /** The paths of one written fixture. */
  public record Files4(Path left, Path right, Path config, Path truth) {}

  public static Files4 write(SparkSession spark, Path dir) {
    try {
      StringBuilder left = new StringBuilder("person_id,first_name,last_name,dob,city\n");
      StringBuilder truth = new StringBuilder("person_id,customer_id\n");
      List<Row> right = new ArrayList<>();
      for (int i = 0; i < PEOPLE; i++) {
        String first = FIRST[i % FIRST.length];
        String last = LAST[i];
        String dob = String.format("%04d%02d%02d", 1950 + (i * 7) % 50, i % 12 + 1, (i * 3) % 28 + 1);
        String city = CITIES[i % CITIES.length];
        left.append(String.join(",", "p" + i, first, last, dob, city)).append('\n');
        truth.append("p").append(i).append(",c").append(i).append('\n');
        String rLast = i % 5 == 1 ? last.charAt(0) + "" + last.charAt(2) + last.charAt(1) + last.substring(3) : last;
        String rDob = i % 7 == 3 ? dob.substring(0, 7) + (char) ('0' + (dob.charAt(7) - '0' + 1) % 10) : dob;
        right.add(RowFactory.create("c" + i, first, rLast, rDob, city));
      }
      for (int j = 0; j < 10; j++) {
        right.add(RowFactory.create("x" + j, FIRST[(j + 5) % FIRST.length], LAST[(j * 3) % PEOPLE],
            String.format("%04d%02d%02d", 1990 + j, 12 - j, 28 - j), CITIES[(j + 2) % CITIES.length]));
      }
      Files.createDirectories(dir);
      Path l = Files.writeString(dir.resolve("people.csv"), left);
      Path t = Files.writeString(dir.resolve("truth.csv"), truth);
      Path c = Files.writeString(dir.resolve("match.json"), CONFIG);
      Path r = dir.resolve("customers");
      StructType schema = new StructType().add("customer_id", DataTypes.StringType)
          .add("first_name", DataTypes.StringType).add("last_name", DataTypes.StringType)
          .add("dob", DataTypes.StringType).add("city", DataTypes.StringType);
      spark.createDataFrame(right, schema).coalesce(1).write().parquet(r.toString());
      return new Files4(l, r, c, t);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

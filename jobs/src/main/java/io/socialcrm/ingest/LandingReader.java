package io.socialcrm.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftright;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;

import io.socialcrm.common.Errors;
import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.lake.Lake;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.execution.datasources.parquet.ParquetToSparkSchemaConverter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads one landing file of an input into raw records ({@link RawRecords}): JSON lines, CSV (header row) and
 * Parquet. Every line or row becomes one record, also the ones that do not parse, so nothing is lost.
 */
public final class LandingReader {
  static final String CORRUPT = "_corrupt_record";
  private static final String VALUE = "value";

  private final SparkSession spark;
  private final Lake lake;

  public LandingReader(SparkSession spark, Lake lake) {
    this.spark = spark;
    this.lake = lake;
  }

  /** Reads one file, choosing the format from the contract and the file's extension. */
  public Dataset<Row> read(Contract contract, String file) {
    try {
      if (lake.size(file) == 0) {
        return empty(contract);
      }
      String lower = file.toLowerCase();
      if (lower.endsWith(".parquet")) {
        return readParquet(contract, file);
      }
      if (lower.endsWith(".csv")) {
        return readCsv(contract, file);
      }
      if (lower.endsWith(".jsonl") || lower.endsWith(".json") || lower.endsWith(".ndjson")) {
        return readJsonLines(contract, file);
      }
      throw Errors.badArgument("landing file", file, "a .jsonl, .csv or .parquet file");
    } catch (SocialCrmException e) {
      throw e;
    } catch (Exception e) {
      throw Errors.unreadableInput(contract.name(), file, e);
    }
  }

  /** A file's raw records have this schema. */
  public static StructType rawSchema(Contract contract) {
    return contract.rawSchema()
        .add(RawRecords.EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
        .add(RawRecords.RECORD, DataTypes.StringType, true)
        .add(RawRecords.MALFORMED, DataTypes.BooleanType, false)
        .add(RawRecords.SOURCE_FILE, DataTypes.StringType, false)
        .add(RawRecords.SOURCE_ROW, DataTypes.LongType, false);
  }

  public Dataset<Row> empty(Contract contract) {
    return spark.createDataFrame(new ArrayList<Row>(), rawSchema(contract));
  }

  // ---- JSON lines ----

  Dataset<Row> readJsonLines(Contract contract, String file) {
    Dataset<Row> lines = numbered(spark.read().option("encoding", "UTF-8").text(file))
        .filter(trim(col(VALUE)).notEqual(""));
    StructType leaves = jsonLeafSchema(contract).add(CORRUPT, DataTypes.StringType, true);
    Map<String, String> options = Map.of("mode", "PERMISSIVE", "columnNameOfCorruptRecord", CORRUPT);
    Dataset<Row> parsed = withObjectLevels(contract, lines.withColumn("_parsed", from_json(col(VALUE), leaves, options)));
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : contract.columns()) {
      out.add(col("_parsed." + c.pathOrName()).cast("string").as(c.name()));
    }
    out.add(jsonExtras(contract).as(RawRecords.EXTRA));
    out.add(col(VALUE).as(RawRecords.RECORD));
    out.add(col("_parsed").isNull().or(col("_parsed." + CORRUPT).isNotNull()).as(RawRecords.MALFORMED));
    out.add(lit(file).as(RawRecords.SOURCE_FILE));
    out.add(col(RawRecords.SOURCE_ROW));
    return parsed.select(out.toArray(new Column[0]));
  }

  /** The contract's JSON paths as a nested struct whose leaves are strings (objects and arrays as JSON text). */
  static StructType jsonLeafSchema(Contract contract) {
    Node root = new Node();
    for (ColumnSpec c : contract.columns()) {
      Node n = root;
      for (String part : c.pathOrName().split("\\.")) {
        n = n.children.computeIfAbsent(part, k -> new Node());
      }
    }
    return root.toStruct();
  }

  /** The object levels of the contract's JSON paths, each before its children ("" is the line), with the keys named at each. */
  static Map<String, Set<String>> knownByLevel(Contract contract) {
    Map<String, Set<String>> known = new LinkedHashMap<>();
    for (ColumnSpec c : contract.columns()) {
      String parent = "";
      for (String part : c.pathOrName().split("\\.")) {
        known.computeIfAbsent(parent, k -> new LinkedHashSet<>()).add(part);
        parent = parent.isEmpty() ? part : parent + "." + part;
      }
    }
    return known;
  }

  private static String levelColumn(int i) {
    return "_level_" + i;
  }

  /**
   * Adds each object level of the contract's paths as a map from key to JSON text, parsed from its parent's map
   * (not from the whole line again), one projection per level so that each is parsed once per record.
   */
  static Dataset<Row> withObjectLevels(Contract contract, Dataset<Row> lines) {
    List<String> levels = new ArrayList<>(knownByLevel(contract).keySet());
    Dataset<Row> out = lines;
    for (int i = 0; i < levels.size(); i++) {
      String level = levels.get(i);
      String json;
      if (level.isEmpty()) {
        json = VALUE;
      } else {
        int dot = level.lastIndexOf('.');
        json = levelColumn(levels.indexOf(dot < 0 ? "" : level.substring(0, dot))) + "['" + level.substring(dot + 1) + "']";
      }
      out = out.withColumn(levelColumn(i), expr("coalesce(from_json(" + json + ", 'map<string,string>'), map())"));
    }
    return out;
  }

  /**
   * Fields at any object level of the contract's paths that the contract does not name, as path -> JSON text,
   * from the levels {@link #withObjectLevels} added. The maps are filtered and renamed (higher-order functions,
   * evaluated row by row outside generated code) only for the rare record that has such a field: the usual
   * record costs a comparison of its key sets.
   */
  static Column jsonExtras(Contract contract) {
    List<String> unknownCounts = new ArrayList<>();
    List<String> maps = new ArrayList<>();
    int i = 0;
    for (Map.Entry<String, Set<String>> e : knownByLevel(contract).entrySet()) {
      String parent = e.getKey();
      String level = levelColumn(i++);
      String known = "array(" + String.join(", ", e.getValue().stream().map(k -> "'" + k + "'").toList()) + ")";
      unknownCounts.add("size(array_except(map_keys(" + level + "), " + known + "))");
      String map = "map_filter(" + level + ", (k, v) -> NOT array_contains(" + known + ", k))";
      if (!parent.isEmpty()) {
        map = "transform_keys(" + map + ", (k, v) -> concat('" + parent + ".', k))";
      }
      maps.add("cast(" + map + " AS map<string,string>)");
    }
    String all = maps.size() == 1 ? maps.get(0) : "map_concat(" + String.join(", ", maps) + ")";
    return expr("CASE WHEN " + String.join(" + ", unknownCounts) + " > 0 THEN " + all
        + " ELSE cast(map() AS map<string,string>) END");
  }

  // ---- CSV ----

  Dataset<Row> readCsv(Contract contract, String file) {
    String headerLine = lake.firstLine(file);
    if (headerLine == null || headerLine.isBlank()) {
      return empty(contract);
    }
    List<String> header = CsvHeader.parse(headerLine);
    StructType schema = new StructType();
    for (String h : header) {
      schema = schema.add(h, DataTypes.StringType, true);
    }
    schema = schema.add(CORRUPT, DataTypes.StringType, true);
    Dataset<Row> rows = spark.read().schema(schema)
        .option("header", "true")
        .option("multiLine", "true")
        .option("mode", "PERMISSIVE")
        .option("columnNameOfCorruptRecord", CORRUPT)
        .option("encoding", "UTF-8")
        .option("escape", "\"")
        .option("enforceSchema", "true")
        .csv(file);
    Dataset<Row> numbered = numbered(rows);
    Column[] fields = header.stream().map(h -> col("`" + h + "`")).toArray(Column[]::new);
    Column record = expr("CASE WHEN " + CORRUPT + " IS NOT NULL THEN " + CORRUPT + " END");
    return fromNamedColumns(contract, numbered, header,
        org.apache.spark.sql.functions.coalesce(record, to_json(struct(fields))),
        col(CORRUPT).isNotNull(), file);
  }

  // ---- Parquet and JDBC (typed rows) ----

  Dataset<Row> readParquet(Contract contract, String file) throws IOException {
    Dataset<Row> rows = spark.read().schema(parquetSchema(file)).parquet(file);
    return fromTypedRows(contract, numbered(rows), file);
  }

  /**
   * A Parquet file's schema from its footer, read here on the driver: Spark's own inference starts a job to read
   * one footer. As Spark does, the schema Spark wrote into the footer wins over the one converted from Parquet's.
   */
  StructType parquetSchema(String file) throws IOException {
    Configuration conf = spark.sessionState().newHadoopConf();
    try (ParquetFileReader footer = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file), conf))) {
      String written = footer.getFileMetaData().getKeyValueMetaData().get(SPARK_SCHEMA_KEY);
      if (written != null) {
        DataType type = DataType.fromJson(written);
        if (type instanceof StructType struct) {
          return struct;
        }
      }
      return new ParquetToSparkSchemaConverter(conf).convert(footer.getFileMetaData().getSchema());
    }
  }

  private static final String SPARK_SCHEMA_KEY = "org.apache.spark.sql.parquet.row.metadata";

  /** Raw records from typed rows (Parquet, JDBC) that already carry {@link RawRecords#SOURCE_ROW}. */
  public static Dataset<Row> fromTypedRows(Contract contract, Dataset<Row> rows, String source) {
    List<String> names = new ArrayList<>();
    for (String f : rows.columns()) {
      if (!f.equals(RawRecords.SOURCE_ROW)) {
        names.add(f);
      }
    }
    Column[] fields = names.stream().map(h -> col("`" + h + "`")).toArray(Column[]::new);
    return fromNamedColumns(contract, rows, names, to_json(struct(fields)), lit(false), source);
  }

  private static Dataset<Row> fromNamedColumns(Contract contract, Dataset<Row> rows, List<String> present,
                                               Column record, Column malformed, String source) {
    Map<String, String> byName = new HashMap<>();
    present.forEach(p -> byName.put(p.trim(), p));
    List<Column> out = new ArrayList<>();
    for (ColumnSpec c : contract.columns()) {
      String actual = byName.get(c.name());
      out.add((actual == null ? lit(null) : col("`" + actual + "`")).cast("string").as(c.name()));
    }
    List<String> extras = present.stream().filter(p -> contract.column(p.trim()) == null).toList();
    Column extra = extras.isEmpty()
        ? expr("cast(map() AS map<string,string>)")
        : org.apache.spark.sql.functions.map_from_arrays(
            org.apache.spark.sql.functions.array(extras.stream().map(e -> lit(e.trim())).toArray(Column[]::new)),
            org.apache.spark.sql.functions.array(extras.stream().map(e -> col("`" + e + "`").cast("string")).toArray(Column[]::new)));
    out.add(extra.as(RawRecords.EXTRA));
    out.add(record.as(RawRecords.RECORD));
    out.add(malformed.as(RawRecords.MALFORMED));
    out.add(lit(source).as(RawRecords.SOURCE_FILE));
    out.add(col(RawRecords.SOURCE_ROW));
    return rows.select(out.toArray(new Column[0]));
  }

  /**
   * Adds the 1-based position of each row in its file as {@link RawRecords#SOURCE_ROW}. A file is read in order
   * (partitions follow the file's splits) and {@code monotonically_increasing_id} numbers the rows of a partition
   * from 0 with the partition's index in its upper 31 bits, so with one split (the usual landing file) the
   * position is the id plus one, in the same generated code as the read. A file of several splits costs one
   * extra pass that counts the rows of each split; their running sums are the offsets, as in zipWithIndex, but
   * without leaving Spark's generated code for a row-by-row RDD.
   */
  private Dataset<Row> numbered(Dataset<Row> rows) {
    Dataset<Row> withId = rows.withColumn(ROW_ID, monotonically_increasing_id());
    Column split = shiftright(col(ROW_ID), SPLIT_SHIFT);
    Column inSplit = col(ROW_ID).bitwiseAND(lit((1L << SPLIT_SHIFT) - 1));
    Column position;
    if (rows.javaRDD().getNumPartitions() <= 1) {
      position = inSplit.plus(lit(1L));
    } else {
      List<Row> perSplit = withId.groupBy(split.as("split")).count().orderBy("split").collectAsList();
      List<Column> offsets = new ArrayList<>();
      long running = 0;
      for (Row r : perSplit) {
        offsets.add(lit(r.getLong(0)));
        offsets.add(lit(running));
        running += r.getLong(1);
      }
      position = inSplit.plus(element_at(map(offsets.toArray(new Column[0])), split)).plus(lit(1L));
    }
    return withId.withColumn(RawRecords.SOURCE_ROW, position).drop(ROW_ID);
  }

  private static final String ROW_ID = "_row_id";
  private static final int SPLIT_SHIFT = 33;

  /** A tree of JSON path segments. */
  private static final class Node {
    final Map<String, Node> children = new LinkedHashMap<>();

    StructType toStruct() {
      StructType s = new StructType();
      for (Map.Entry<String, Node> e : children.entrySet()) {
        s = e.getValue().children.isEmpty()
            ? s.add(e.getKey(), DataTypes.StringType, true)
            : s.add(e.getKey(), e.getValue().toStruct(), true);
      }
      return s;
    }
  }
}

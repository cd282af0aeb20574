package io.socialcrm.privacy;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.ingest.RawRecords;
import io.socialcrm.lake.Lake;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Ingestion's replay protection: incoming records whose subject column hashes to a registered erasure are
 * dropped before bronze and quarantine (a broadcast anti-join on the hash, no UDF), and referenced user objects
 * of erased X profiles are taken out of other people's posts. Holds the register's hashes for one run.
 */
public final class ReplayGuard {
  private static final String HASH_PREFIX = "_subject_hash_";
  private static final String ERASED_PREFIX = "_erased_hash_";

  private final Dataset<Row> hashes;
  private final List<String> hashList;

  private ReplayGuard(Dataset<Row> hashes, List<String> hashList) {
    this.hashes = hashes;
    this.hashList = hashList;
  }

  /**
   * The guard of a lake, or null when nothing was ever erased (ingestion then does no extra work). The hashes
   * are read once; the register grows with erasures, never with the data, so it is collected for the
   * referenced-user rewrite and broadcast for the anti-join.
   */
  public static ReplayGuard load(SparkSession spark, Lake lake) {
    ErasureRegister register = new ErasureRegister(spark, lake);
    if (!register.exists()) {
      return null;
    }
    List<String> list = register.hashes().collectAsList().stream().map(r -> r.getString(0)).toList();
    if (list.isEmpty()) {
      return null;
    }
    Dataset<Row> hashes = spark.createDataFrame(
        list.stream().map(h -> RowFactory.create(h)).toList(),
        new StructType().add(ErasureRegister.SUBJECT_HASH,
            DataTypes.StringType, true));
    return new ReplayGuard(hashes, list);
  }

  /** True when the contract's records can be about a person (it has subject or referenced-user columns). */
  public static boolean applies(Contract contract) {
    return !contract.subjectColumns().isEmpty() || ErasureConditions.REFERENCED_USERS.containsKey(contract.name());
  }

  /**
   * Raw records (contract columns as text) without the erased people's records: by subject column
   * ({@link #dropErased}), unparseable records by the ids in their text ({@link #dropErasedMalformed}), and
   * without erased users referenced in other people's records ({@link #withoutErasedUsers}).
   */
  public Dataset<Row> apply(Contract contract, Dataset<Row> raw) {
    Dataset<Row> kept = dropErasedMalformed(dropErased(contract, raw, hashes), hashList);
    return withoutErasedUsers(contract, kept, hashList);
  }

  /**
   * Drops unparseable records (their subject columns are null) whose raw text holds a token that hashes to an
   * erasure as a customer id or as a profile id of any platform. Only malformed records are tokenised (they are
   * few), split on characters that cannot be part of an id; the register's hashes are a small literal array.
   */
  public static Dataset<Row> dropErasedMalformed(Dataset<Row> raw, List<String> hashList) {
    if (hashList.isEmpty()) {
      return raw;
    }
    Column registered = array(hashList.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
    Column tokens = org.apache.spark.sql.functions.split(col(RawRecords.RECORD), "[^A-Za-z0-9:_-]+");
    Column erasedRecord = org.apache.spark.sql.functions.exists(tokens, t -> {
      Column any = array_contains(registered, SubjectHash.column(SubjectHash.customerKey(t)));
      for (String platform : Contract.PLATFORMS) {
        any = any.or(array_contains(registered, SubjectHash.column(SubjectHash.profileKey(lit(platform), t))));
      }
      return any;
    });
    return raw.filter(org.apache.spark.sql.functions.not(
        col(RawRecords.MALFORMED).and(org.apache.spark.sql.functions.coalesce(erasedRecord, lit(false)))));
  }

  /** The hash of the subject a column names, as {@link SubjectHash} computes it for the register. */
  public static Column subjectHash(Contract contract, ColumnSpec column) {
    Column id = col(column.name());
    if (ColumnSpec.SUBJECT_CUSTOMER.equals(column.subject())) {
      return SubjectHash.column(SubjectHash.customerKey(id));
    }
    Column platform = contract.subjectPlatform() != null ? lit(contract.subjectPlatform()) : col(Contract.PLATFORM_COLUMN);
    return SubjectHash.column(SubjectHash.profileKey(platform, id));
  }

  /**
   * Drops every record one of whose subject columns hashes to one of {@code hashes} (a one-column frame of
   * {@link ErasureRegister#SUBJECT_HASH}): a broadcast left anti-join per subject column. A null subject is kept.
   */
  public static Dataset<Row> dropErased(Contract contract, Dataset<Row> raw, Dataset<Row> hashes) {
    Dataset<Row> kept = raw;
    int i = 0;
    for (ColumnSpec c : contract.subjectColumns()) {
      String h = HASH_PREFIX + i;
      String erased = ERASED_PREFIX + i++;
      Dataset<Row> register = broadcast(hashes.select(col(ErasureRegister.SUBJECT_HASH).as(erased)));
      kept = kept.withColumn(h, subjectHash(contract, c))
          .join(register, col(h).equalTo(col(erased)), "left_anti")
          .drop(h);
    }
    return kept;
  }

  /** Other people's records without the referenced user objects (X posts' includes_users) of erased X profiles. */
  public static Dataset<Row> withoutErasedUsers(Contract contract, Dataset<Row> raw, List<String> hashList) {
    String column = ErasureConditions.REFERENCED_USERS.get(contract.name());
    if (column == null || hashList.isEmpty()) {
      return raw;
    }
    Column registered = array(hashList.stream().map(org.apache.spark.sql.functions::lit).toArray(Column[]::new));
    String platform = contract.subjectPlatform();
    return raw.withColumn(column, ErasureConditions.withoutUsersWhere(col(column),
        id -> array_contains(registered, SubjectHash.column(SubjectHash.profileKey(lit(platform), id)))));
  }
}

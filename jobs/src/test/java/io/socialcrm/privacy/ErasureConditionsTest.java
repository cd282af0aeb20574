package io.socialcrm.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import io.socialcrm.contracts.ColumnSpec;
import io.socialcrm.contracts.Contract;
import io.socialcrm.contracts.Contracts;
import io.socialcrm.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The pure parts of erasure on small in-memory frames: hashes, conditions, the user-array rewrite, the contracts. */
class ErasureConditionsTest extends SparkTestBase {

  @Test
  void sparkAndJavaComputeTheSameSubjectHash() {
    Dataset<Row> ids = session().createDataFrame(List.of(RowFactory.create("C0000001", "x", "12345")),
        new StructType().add("c", DataTypes.StringType).add("p", DataTypes.StringType).add("id", DataTypes.StringType));
    Row r = ids.select(SubjectHash.column(SubjectHash.customerKey(functions.col("c"))),
        SubjectHash.column(SubjectHash.profileKey(functions.col("p"), functions.col("id")))).head();
    assertEquals(ErasureSubject.customer("C0000001").hash(), r.getString(0));
    assertEquals(ErasureSubject.parseProfile("x:12345").hash(), r.getString(1));
    Assertions.assertNotEquals(SubjectHash.of("customer:12345"), SubjectHash.of("profile:x:12345"));
    assertEquals(64, r.getString(0).length());
  }

  @Test
  void profileArgumentsAreParsedOrRejectedClearly() {
    assertEquals(ErasureSubject.profile("linkedin", "urn:li:person:AbC-1"),
        ErasureSubject.parseProfile("linkedin:urn:li:person:AbC-1"));
    for (String bad : List.of("12345", "x:", ":12345", "twitter:12345", "x: 12345")) {
      SocialCrmException e = assertThrows(SocialCrmException.class, () -> ErasureSubject.parseProfile(bad), bad);
      assertEquals("bad_argument", e.code());
      Assertions.assertTrue(e.getMessage().contains("PLATFORM:ID"), e.getMessage());
    }
  }

  @Test
  void quarantineTextMatchesAnIdOnlyWhenItStandsAlone() {
    Dataset<Row> q = session().createDataFrame(List.of(
            RowFactory.create("{\"data\":{\"id\":\"1\",\"author_id\":\"1111111111\""),
            RowFactory.create("{\"data\":{\"id\":\"2\",\"author_id\":\"11111111110\""),
            RowFactory.create("O1,NW-1,C0000001,2026-11-01"),
            RowFactory.create("O2,NW-2,C00000012,2026-11-01")),
        new StructType().add("_record", DataTypes.StringType));
    ErasureTargets t = ErasureTargets.of(List.of(ErasureSubject.customer("C0000001"), ErasureSubject.profile("x", "1111111111")));
    assertEquals(List.of("{\"data\":{\"id\":\"1\",\"author_id\":\"1111111111\"", "O1,NW-1,C0000001,2026-11-01"),
        q.filter(ErasureConditions.quarantine(t)).as(Encoders.STRING()).collectAsList());
  }

  @Test
  void referencedUsersAreTakenOutAndOtherArraysStayByteForByte() {
    String kept = "{\"id\":\"2\", \"name\":\"Bob\", \"public_metrics\":{\"followers_count\":7}}";
    Dataset<Row> posts = session().createDataFrame(List.of(
            RowFactory.create("[" + kept + ",{\"id\":\"1\",\"name\":\"Ana\"}]"),
            RowFactory.create("[" + kept + "]"),
            RowFactory.create((Object) null)),
        new StructType().add("users", DataTypes.StringType));
    List<String> out = posts.select(ErasureConditions.withoutUsers(functions.col("users"), List.of("1")))
        .as(Encoders.STRING()).collectAsList();
    assertEquals("[{\"id\":\"2\",\"name\":\"Bob\",\"public_metrics\":{\"followers_count\":7}}]", out.get(0));
    assertEquals("[" + kept + "]", out.get(1), "an array without the person is not rewritten");
    Assertions.assertNull(out.get(2));
  }

  @Test
  void silverAndGoldTablesAreMatchedByConvention() {
    ErasureTargets t = ErasureTargets.of(List.of(ErasureSubject.customer("C1"), ErasureSubject.profile("x", "9")));
    StructType byProfile = new StructType().add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType);
    Dataset<Row> df = session().createDataFrame(List.of(RowFactory.create("x", "9"), RowFactory.create("facebook", "9"),
        RowFactory.create("x", "99")), byProfile);
    assertEquals(1L, df.filter(ErasureConditions.byConvention(byProfile, t)).count());
    // Gold marts name a person as the customer id (linked) or "platform:profile_id" (unlinked).
    StructType byPerson = new StructType().add("person_id", DataTypes.StringType);
    Dataset<Row> people = session().createDataFrame(List.of(RowFactory.create("C1"), RowFactory.create("x:9"),
        RowFactory.create("C10"), RowFactory.create("facebook:9"), RowFactory.create((Object) null)), byPerson);
    assertEquals(List.of("C1", "x:9"), people.filter(ErasureConditions.byConvention(byPerson, t))
        .as(Encoders.STRING()).collectAsList());
    Assertions.assertNull(ErasureConditions.byConvention(new StructType().add("day", DataTypes.StringType), t),
        "a table without the convention's columns is left alone");
    Assertions.assertNull(ErasureConditions.byConvention(new StructType().add("customer_id", DataTypes.StringType),
        ErasureTargets.of(List.of(ErasureSubject.profile("x", "9")))));
    // Steward decisions name the profile's platform in a column; a customer subject sits beside it.
    StructType decisions = new StructType().add("platform", DataTypes.StringType).add("profile_id", DataTypes.StringType)
        .add("customer_id", DataTypes.StringType);
    Dataset<Row> d = session().createDataFrame(List.of(RowFactory.create("x", "9", "C2"),
        RowFactory.create("linkedin", "9", "C2"), RowFactory.create("facebook", "7", "C1"),
        RowFactory.create("x", "8", "C3")), decisions);
    assertEquals(List.of("x:9:C2", "facebook:7:C1"), d.filter(ErasureConditions.bronze(Contracts.get("steward_decisions"), t))
        .select(functions.concat_ws(":", functions.col("platform"), functions.col("profile_id"), functions.col("customer_id")))
        .as(Encoders.STRING()).collectAsList());
  }

  @Test
  void contractsMarkTheirSubjectsAndBadSubjectsAreRejected() {
    assertEquals(List.of("profile_id:profile", "customer_id:customer"), Contracts.get("steward_decisions")
        .subjectColumns().stream().map(c -> c.name() + ":" + c.subject()).toList());
    assertEquals("x", Contracts.get("x_posts").subjectPlatform());
    long marked = Contracts.all().stream().mapToLong(c -> c.subjectColumns().size()).sum();
    assertEquals(12L, marked);
    ColumnSpec id = new ColumnSpec("id", null, "string", false, null, null, null, null, null, null, null, "person");
    SocialCrmException kind = assertThrows(SocialCrmException.class, () -> Contracts.check(
        new Contract("t", "x", "", "jsonl", List.of("id"), List.of(id), List.of(), Map.of()), "t"));
    Assertions.assertTrue(kind.getMessage().contains("subject must be customer or profile"), kind.getMessage());
    ColumnSpec profile = new ColumnSpec("id", null, "string", false, null, null, null, null, null, null, null, "profile");
    SocialCrmException platform = assertThrows(SocialCrmException.class, () -> Contracts.check(
        new Contract("t", "crm", "", "csv", List.of("id"), List.of(profile), List.of(), Map.of()), "t"));
    Assertions.assertTrue(platform.getMessage().contains("needs a platform"), platform.getMessage());
  }
}

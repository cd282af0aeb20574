package io.socialcrm.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** LakeDiff's comparison: floating-point noise from the order of a sum is not a difference; a real change is. */
class LakeDiffTest extends SparkTestBase {

  @Test
  void decimalsAreRoundedNotCut() {
    assertEquals("122.95", LakeDiff.roundDecimals("122.95000000000002"));
    assertEquals("122.95", LakeDiff.roundDecimals("122.94999999999999"));
    assertEquals("122.95", LakeDiff.roundDecimals("122.95"));
    assertEquals("{\"w\":-0.5,\"n\":3,\"id\":\"a1.2b\"}", LakeDiff.roundDecimals("{\"w\":-0.49999999999,\"n\":3,\"id\":\"a1.2b\"}"));
    assertEquals("122.9500001", LakeDiff.roundDecimals("122.9500001"), "a difference in the 7th decimal stays");
  }

  @Test
  void rowsDifferingOnlyInSumOrderNoiseCompareEqual() {
    StructType schema = new StructType().add("k", DataTypes.StringType).add("cost", DataTypes.DoubleType)
        .add("run_id", DataTypes.StringType);
    List<Row> a = List.of(RowFactory.create("care", 0.1 + 0.2, "r1"));
    List<Row> b = List.of(RowFactory.create("care", 0.3, "r2"));
    List<Row> c = List.of(RowFactory.create("care", 0.31, "r3"));
    assertEquals(0, LakeDiff.comparable(session().createDataFrame(a, schema))
        .exceptAll(LakeDiff.comparable(session().createDataFrame(b, schema))).count());
    assertEquals(1, LakeDiff.comparable(session().createDataFrame(a, schema))
        .exceptAll(LakeDiff.comparable(session().createDataFrame(c, schema))).count());
  }
}

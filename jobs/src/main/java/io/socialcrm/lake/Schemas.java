package io.socialcrm.lake;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Schema helpers for creating Delta tables. */
public final class Schemas {
  private Schemas() {}

  /** The same schema with every field, element and value nullable (Delta rejects nested NOT NULL). */
  public static StructType nullable(StructType s) {
    StructField[] out = new StructField[s.fields().length];
    for (int i = 0; i < out.length; i++) {
      StructField f = s.fields()[i];
      out[i] = new StructField(f.name(), nullable(f.dataType()), true, f.metadata());
    }
    return new StructType(out);
  }

  private static DataType nullable(DataType t) {
    if (t instanceof StructType st) {
      return nullable(st);
    }
    if (t instanceof ArrayType at) {
      return new ArrayType(nullable(at.elementType()), true);
    }
    if (t instanceof MapType mt) {
      return new MapType(nullable(mt.keyType()), nullable(mt.valueType()), true);
    }
    return t;
  }
}

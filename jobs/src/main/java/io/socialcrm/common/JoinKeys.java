package io.socialcrm.common;

import java.util.Arrays;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column-name lists in the Scala form {@code Dataset.join(other, usingColumns, joinType)} takes. */
public final class JoinKeys {
  private JoinKeys() {
  }

  public static Seq<String> of(String... columns) {
    return JavaConverters.asScalaBuffer(Arrays.asList(columns)).toSeq();
  }
}

package io.socialcrm.common;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Column-name lists in the Scala form {@code Dataset.join(other, usingColumns, joinType)} takes. */
public final class JoinKeys {
  private JoinKeys() {
  }

  public static Seq<String> of(String... columns) {
    return on(Arrays.asList(columns));
  }

  public static Seq<String> on(List<String> columns) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(columns)).toSeq();
  }
}

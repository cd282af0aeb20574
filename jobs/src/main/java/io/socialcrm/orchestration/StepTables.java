package io.socialcrm.orchestration;

import io.socialcrm.conform.ConformJob;
import io.socialcrm.conform.SilverTables;
import io.socialcrm.lake.Lake;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;
import java.util.List;
import java.util.TreeSet;

/**
 * The tables each step reads or writes, as paths relative to the lake ("layer/table"): what {@link StepGate}
 * watches. Conform: all of bronze and the silver tables it builds (not identity's, which a later step writes);
 * identity: all of silver; marts: all of silver and gold. The layers are listed when asked, so a table a step has
 * never seen (a new input) is a change.
 */
final class StepTables {
  private StepTables() {}

  static List<String> watched(Lake lake, Step step) {
    TreeSet<String> out = new TreeSet<>();
    switch (step) {
      case CONFORM -> {
        layer(lake, Layer.BRONZE, out);
        ConformJob.BUILDS.forEach(b -> out.add(relative(b.table().table())));
        out.add(relative(SilverTables.CONFORM_STATE));
      }
      case IDENTITY -> layer(lake, Layer.SILVER, out);
      case MARTS -> {
        layer(lake, Layer.SILVER, out);
        layer(lake, Layer.GOLD, out);
      }
      default -> throw new IllegalArgumentException("no tables watched for step " + step.id());
    }
    return List.copyOf(out);
  }

  private static void layer(Lake lake, Layer layer, TreeSet<String> out) {
    lake.deltaTables(layer).forEach(name -> out.add(layer.folder() + "/" + name));
  }

  private static String relative(LakeTable table) {
    return table.layer().folder() + "/" + table.name();
  }
}

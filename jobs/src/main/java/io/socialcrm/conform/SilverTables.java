package io.socialcrm.conform;

import io.socialcrm.lake.DeclaredTable;
import io.socialcrm.lake.DeclaredTables;
import io.socialcrm.lake.LakeTable;
import io.socialcrm.lake.Layer;

/**
 * The silver tables, each declared once as data in {@code schemas/silver/<name>.json} (name, description, keys,
 * columns with Spark SQL types) and named here. Other stages code against these names and columns.
 */
public final class SilverTables {
  public static final DeclaredTable CUSTOMERS = load("customers");
  public static final DeclaredTable SOCIAL_PROFILES = load("social_profiles");
  public static final DeclaredTable CONSENT = load("consent");
  public static final DeclaredTable STEWARD_DECISIONS = load("steward_decisions");
  public static final DeclaredTable INTERACTIONS = load("interactions");
  public static final DeclaredTable ORDERS = load("orders");
  public static final DeclaredTable CAMPAIGNS = load("campaigns");
  public static final DeclaredTable SPEND = load("spend");
  public static final DeclaredTable SUPPORT_CASES = load("support_cases");
  public static final DeclaredTable LEADS = load("leads");

  /** Conform's own bookkeeping: per bronze table, the last Delta version conform has processed. */
  public static final LakeTable CONFORM_STATE = new LakeTable(Layer.SILVER, "_conform_state");

  private SilverTables() {}

  /** Loads and checks the declaration {@code schemas/silver/<name>.json} from the class path. */
  public static DeclaredTable load(String name) {
    return DeclaredTables.load(Layer.SILVER, name);
  }
}

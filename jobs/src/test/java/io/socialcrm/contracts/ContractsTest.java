package io.socialcrm.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.socialcrm.common.SocialCrmException;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/** The contracts in schemas/ load, are complete, and a broken contract is a clear error. */
class ContractsTest {

  @Test
  void everyInputHasAContract() {
    List<String> names = Contracts.all().stream().map(Contract::name).sorted().toList();
    assertEquals(List.of("campaigns", "customers", "facebook_comments", "facebook_posts", "facebook_reactions",
        "leads", "linkedin_followers", "linkedin_posts", "marketing_spend", "matching_consent", "orders",
        "steward_decisions", "support_cases", "x_follows", "x_posts"), names);
    for (Contract c : Contracts.all()) {
      Assertions.assertFalse(c.keys().isEmpty(), c.name());
      Assertions.assertTrue(c.isCrm() == "crm".equals(c.source()), c.name());
    }
  }

  @Test
  void typesMapToSpark() {
    Contract orders = Contracts.get("orders");
    assertEquals(DataTypes.createDecimalType(12, 2), orders.sparkSchema().apply("amount").dataType());
    assertEquals(DataTypes.TimestampType, orders.sparkSchema().apply("order_ts").dataType());
    assertEquals("data.public_metrics.like_count", Contracts.get("x_posts").column("like_count").path());
    Assertions.assertTrue(Contracts.get("customers").column("email").personal());
    Assertions.assertTrue(Contracts.get("customers").column("customer_id").required());
    Assertions.assertFalse(Contracts.get("customers").column("email").required());
  }

  @Test
  void brokenContractsAreRejected() {
    ColumnSpec id = new ColumnSpec("id", null, "string", false, null, null, null, null, null, null, null);
    ColumnSpec bad = new ColumnSpec("n", null, "integer-ish", true, null, null, null, null, null, null, null);
    SocialCrmException type = assertThrows(SocialCrmException.class, () -> Contracts.check(
        new Contract("t", "x", "", "jsonl", List.of("id"), List.of(id, bad), List.of(), Map.of()), "t"));
    assertEquals("invalid_contract", type.code());
    Assertions.assertTrue(type.getMessage().contains("integer-ish"), type.getMessage());
    SocialCrmException keys = assertThrows(SocialCrmException.class, () -> Contracts.check(
        new Contract("t", "x", "", "jsonl", List.of("nope"), List.of(id), List.of(), Map.of()), "t"));
    Assertions.assertTrue(keys.getMessage().contains("keys"), keys.getMessage());
    SocialCrmException crm = assertThrows(SocialCrmException.class, () -> Contracts.check(
        new Contract("t", "crm", "", "crm", List.of("id"), List.of(id), List.of(), Map.of()), "t"));
    Assertions.assertTrue(crm.getMessage().contains("jdbc"), crm.getMessage());
  }
}

package org.glassplate.server.policy;

import static org.glassplate.server.support.TestCallers.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.core.Roles;
import org.glassplate.server.policy.internal.PolicyStore;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestCallers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * R-SRCH-2, R-SHR-2 over HTTP (issue 12): a proposal that lists the legal floor's terms as not
 * prohibited is refused with 403 {@code LEGAL_FLOOR}, audited, and the policy in force is unchanged.
 */
@Import(TestCallers.class)
class LegalFloorPurposesIT extends IntegrationTest {
  static final String ADMIN = token(111, Roles.ADMINISTRATOR);

  @Autowired
  Policies policies;

  @Test
  void aProposalThatListsIceAndImmigrationAsNotProhibitedIsRefusedAndAudited() {
    String current = get("/api/v1/policy", null).json().get("document").asString();
    int from = current.indexOf("  notProhibited: [");
    String doc = current.substring(0, from) + "  notProhibited: [ICE, immigration"
        + current.substring(current.indexOf(']', from));
    String shaBefore = policies.current().sha256();
    ObjectNode body = JSON.createObjectNode();
    body.put("document", doc);
    body.put("governingBodyReference", "City Council Resolution 2025-300");

    Answer refused = post("/api/v1/policy/proposals", ADMIN, body.toString());

    assertEquals(403, refused.status(), refused.body());
    JsonNode error = refused.json().get("error");
    assertEquals("LEGAL_FLOOR", error.get("code").asString());
    assertEquals("document.purposes.notProhibited[0]", error.get("field").asString());
    assertTrue(error.get("message").asString().contains("Government Code 7284.6"), error.toString());
    JsonNode entry = AuditEntries.last(jdbc, AuditEventTypes.POLICY_PROPOSAL_REFUSED);
    assertEquals("LEGAL_FLOOR", entry.get("reasonCode").asString());
    assertEquals(PolicyStore.sha256(doc), entry.get("afterSha256").asString());
    assertEquals(shaBefore, policies.current().sha256());
  }
}

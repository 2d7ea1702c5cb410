package org.glassplate.server.web;

import org.glassplate.server.core.Roles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.glassplate.server.support.AuditEntries;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.support.TestCallers;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

/**
 * An authenticated caller that a role rule of the security chain refuses on an endpoint touching
 * plate data is on the record (R-AUD-1), in the type its feature uses for such refusals, with reason
 * code {@code ROLE}; the answer stays 403 {@code FORBIDDEN}. If the refusal cannot be recorded the
 * answer is still a refusal ({@code AUDIT_UNAVAILABLE}), never the data.
 */
@Import(TestCallers.class)
class RoleRefusalAuditIT extends IntegrationTest {
  private static final String OPERATOR = TestCallers.token(7101, Roles.OPERATOR);
  private static final String INVESTIGATOR = TestCallers.token(7102, Roles.INVESTIGATOR);
  private static final String SEARCH = """
      {"plate":"7RFS123","from":"2026-01-01T00:00:00Z","to":"2026-01-02T00:00:00Z",
       "caseNumber":"RR-2026-0001","offense":"HOMICIDE","reason":"following up a witness statement"}""";

  @Test
  void anOperatorTokenPostingASearchIsRefusedAndTheRefusalIsAudited() {
    long mark = mark();

    Answer a = post("/api/v1/searches", OPERATOR, SEARCH);

    assertForbidden(a);
    assertThat(entries("SEARCH_DENIED", mark)).singleElement().satisfies(e -> {
      assertThat(e.path("outcome").stringValue()).isEqualTo("DENIED");
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("ROLE");
      assertThat(e.path("actor").stringValue()).isEqualTo("user:7101");
      assertThat(e.path("roles").toString()).isEqualTo("[\"OPERATOR\"]");
      assertThat(e.path("endpoint").stringValue()).isEqualTo("POST /api/v1/searches");
      assertThat(e.path("policySha256").stringValue()).hasSize(64);
      assertThat(e.toString()).doesNotContain("7RFS123").doesNotContain("RR-2026-0001");
    });
  }

  @Test
  void anInvestigatorGettingAlertsIsRefusedAndTheRefusalIsAudited() {
    long mark = mark();

    assertForbidden(get("/api/v1/alerts", INVESTIGATOR));
    assertForbidden(get("/api/v1/alerts/stream", INVESTIGATOR));

    assertThat(entries("HOTLIST_ACTION_REFUSED", mark)).hasSize(2).allSatisfy(e -> {
      assertThat(e.path("outcome").stringValue()).isEqualTo("DENIED");
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("ROLE");
      assertThat(e.path("action").stringValue()).isEqualTo("view_alerts");
      assertThat(e.path("actor").stringValue()).isEqualTo("user:7102");
    });
  }

  @Test
  void legalHoldsAndOpeningAnAuditEntryRecordTheirRoleRefusalsToo() {
    long mark = mark();

    assertForbidden(get("/api/v1/legal-holds", INVESTIGATOR));
    assertForbidden(get("/api/v1/audit/entries/0/opening", INVESTIGATOR));

    assertThat(entries("RETENTION_ACTION_REFUSED", mark)).singleElement().satisfies(e -> {
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("ROLE");
      assertThat(e.path("action").stringValue()).isEqualTo("view");
    });
    assertThat(entries("AUDIT_ENTRY_OPENING_REFUSED", mark)).singleElement().satisfies(e -> {
      assertThat(e.path("typeCode").intValue()).isEqualTo(105);
      assertThat(e.path("reasonCode").stringValue()).isEqualTo("ROLE");
    });
  }

  @Test
  void refusalsOffPlateDataAndUnauthenticatedCallsAreNotRecordedAsRoleRefusals() {
    long mark = mark();

    assertForbidden(get("/api/v1/alerts/accuracy", INVESTIGATOR)); // figures, no plate
    assertThat(post("/api/v1/searches", null, SEARCH).status()).isEqualTo(401);

    assertThat(entries("HOTLIST_ACTION_REFUSED", mark)).isEmpty();
    assertThat(entries("SEARCH_DENIED", mark)).isEmpty();
  }

  @Test
  void aRoleRefusalThatCannotBeAuditedIsStillARefusalAndShowsNoData() {
    long mark = mark();
    jdbc.sql("""
        CREATE FUNCTION test_role_audit_unwritable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit storage is unwritable (test)'; END $$""").update();
    jdbc.sql("""
        CREATE TRIGGER test_role_audit_unwritable BEFORE INSERT ON audit_pending
        FOR EACH ROW EXECUTE FUNCTION test_role_audit_unwritable()""").update();
    try {
      for (Answer a : List.of(post("/api/v1/searches", OPERATOR, SEARCH), get("/api/v1/alerts", INVESTIGATOR))) {
        assertThat(a.status()).as(a.body()).isEqualTo(503);
        assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("AUDIT_UNAVAILABLE");
        assertThat(a.json().has("results")).isFalse();
        assertThat(a.json().has("alerts")).isFalse();
        assertThat(a.body()).doesNotContain("7RFS123");
      }
    } finally {
      jdbc.sql("DROP TRIGGER test_role_audit_unwritable ON audit_pending").update();
      jdbc.sql("DROP FUNCTION test_role_audit_unwritable()").update();
    }
    assertThat(entries("SEARCH_DENIED", mark)).isEmpty();
    assertThat(entries("HOTLIST_ACTION_REFUSED", mark)).isEmpty();

    assertForbidden(post("/api/v1/searches", OPERATOR, SEARCH));
    assertThat(entries("SEARCH_DENIED", mark)).hasSize(1);
  }

  private static void assertForbidden(Answer a) {
    assertThat(a.status()).as(a.body()).isEqualTo(403);
    assertThat(a.json().path("error").path("code").stringValue()).isEqualTo("FORBIDDEN");
    assertThat(a.json().path("error").path("message").stringValue()).isEqualTo("your role does not allow this");
  }

  private long mark() {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM " + AuditEntries.ALL).query(Long.class).single();
  }

  private List<JsonNode> entries(String type, long afterId) {
    return jdbc.sql("SELECT convert_from(entry, 'UTF8') FROM " + AuditEntries.ALL
            + "WHERE id > :after AND convert_from(entry, 'UTF8')::jsonb ->> 'type' = :t ORDER BY id")
        .param("after", afterId).param("t", type).query(String.class).list().stream().map(JSON::readTree).toList();
  }
}

package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassplate.server.audit.AuditEventTypes;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What fuzzing the hot-list CSV import found (issue 12, R-HOT-1): an expiry past the year 9999 (the
 * date 9999-12-31 among them, valid through that day) passed validation and then failed in the
 * database, a 500 that took the whole part down; an entry added by hand failed the same way past
 * PostgreSQL's last year. Now such a row is a row error naming its column, and the entry a 422.
 */
class HotlistExpiryRangeIT extends HotlistTestSupport {

  @Test
  void anImportRejectsExpiriesPastTheYear9999RowByRowAndKeepsTheGoodRows() throws Exception {
    long list = createList(supervisor, "Far future extract", "state");
    String good = plate("FE");
    long job = post("/api/v1/hotlists/" + list + "/imports", supervisor, "{\"mode\":\"append\"}").json().path("id")
        .longValue();
    String base = "/api/v1/hotlists/" + list + "/imports/" + job;

    Answer part = postCsv(base + "/parts", supervisor, """
        plate,reason,expiresAt
        %s,stolen_vehicle,2099-12-31
        %s,stolen_vehicle,9999-12-31
        %s,stolen_vehicle,+10000-01-01T00:00:00Z
        %s,stolen_vehicle,+294277-01-01T00:00:00Z
        """.formatted(good, plate("FF"), plate("FG"), plate("FH")));

    assertThat(part.status()).as(part.body()).isEqualTo(200);
    assertThat(part.json().path("rowsAccepted").intValue()).isEqualTo(1);
    assertThat(part.json().path("errors").valueStream().map(e -> e.path("row").intValue() + ":"
        + e.path("field").stringValue())).containsExactly("3:expiresAt", "4:expiresAt", "5:expiresAt");
    long mark = auditMark();
    assertThat(post(base + "/completion", supervisor, "{}").status()).isEqualTo(202);
    assertThat(approveImport(supervisor2, base)).isEqualTo("DONE");
    assertThat(audit(AuditEventTypes.HOTLIST_IMPORTED, mark)).singleElement()
        .satisfies(e -> assertThat(e.path("rowsAccepted").intValue()).isEqualTo(1));
    assertThat(read(camera(), good, "CA")).hasSize(1);
  }

  @Test
  void anEntryExpiringPastTheYear9999IsRefusedNamingTheField() {
    long list = createList(supervisor, "Far future entries", "local");
    for (String expiry : new String[] {"+10000-01-01T00:00:00Z", "+294277-01-01T00:00:00Z"}) {
      Answer a = post("/api/v1/hotlists/" + list + "/entries", supervisor,
          "{\"plate\":\"%s\",\"reason\":\"stolen_vehicle\",\"expiresAt\":\"%s\"}".formatted(plate("FJ"), expiry));
      assertThat(a.status()).as(a.body()).isEqualTo(422);
      JsonNode error = a.json().path("error");
      assertThat(error.path("field").stringValue()).isEqualTo("expiresAt");
    }
  }
}

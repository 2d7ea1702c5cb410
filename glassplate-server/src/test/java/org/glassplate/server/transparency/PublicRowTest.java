package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.glassplate.server.audit.AuditLog;
import org.junit.jupiter.api.Test;

/** The public columns of an audit entry, as the CSV writes them and the audit browser shows them. */
class PublicRowTest {

  @Test
  void columnsFollowThePublicColumnsInOrder() {
    PublicRow row = new PublicRow(7, "time", "agency", "roles", "type", "outcome", "offense", "reasonCategory",
        "reasonCode", "caseNumberPresent", "resultCount", "camerasCovered", "onBehalfOf", "proof");
    assertThat(row.columns()).isEqualTo(TransparencyReport.PUBLIC_COLUMNS);
    List<String> components = java.util.Arrays.stream(PublicRow.class.getRecordComponents())
        .map(java.lang.reflect.RecordComponent::getName).toList();
    assertThat(components.subList(1, components.size() - 1)).isEqualTo(TransparencyReport.PUBLIC_COLUMNS);
  }

  @Test
  void publicRowJoinsArraysWritesValuesAsTextAndLeavesAbsentFieldsEmpty() {
    String entry = """
        {"time":"2026-11-30T17:45:51Z","agency":"mesa-verde-pd","roles":["INVESTIGATOR","SUPERVISOR"],\
        "type":"SEARCH_PERFORMED","outcome":"SUCCESS","offense":"STOLEN_VEHICLE","reasonCategory":"STATED",\
        "reasonCode":null,"caseNumberPresent":true,"resultCount":12,"camerasCovered":8,\
        "commitment":"c2FsdA=="}""";
    PublicRow got = TransparencyReport.publicRow(new AuditLog.PublicEntry(52, entry.getBytes(StandardCharsets.UTF_8)), 60);
    PublicRow want = new PublicRow(52, "2026-11-30T17:45:51Z", "mesa-verde-pd", "INVESTIGATOR;SUPERVISOR",
        "SEARCH_PERFORMED", "SUCCESS", "STOLEN_VEHICLE", "STATED", "", "true", "12", "8", "",
        "/api/v1/audit/proof/inclusion?index=52&size=60");
    assertThat(got).isEqualTo(want);
  }
}

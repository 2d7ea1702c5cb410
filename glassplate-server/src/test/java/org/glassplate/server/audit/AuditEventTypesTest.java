package org.glassplate.server.audit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.glassplate.server.accounts.AccountsAuditTypes;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.oversight.FindingAuditTypes;
import org.glassplate.server.policy.PolicyAuditTypes;
import org.glassplate.server.reads.ReadsAuditTypes;
import org.glassplate.server.retention.RetentionAuditTypes;
import org.glassplate.server.oversight.SelfAuditTypes;
import org.glassplate.server.search.SearchAuditTypes;
import org.glassplate.server.sharing.DataRequestAuditTypes;
import org.glassplate.server.sharing.SharingAuditTypes;
import org.junit.jupiter.api.Test;

class AuditEventTypesTest {
  record Case(int code, String name) {
  }

  /** Every code and name as signed audit entries carry them: a change here breaks old entries. */
  static final List<Case> SIGNED = List.of(
      new Case(101, "SERVER_STARTED"),
      new Case(102, "SERVER_STOPPED"),
      new Case(103, "LOG_KEY_CREATED"),
      new Case(104, "AUDIT_ENTRY_OPENED"),
      new Case(105, "AUDIT_ENTRY_OPENING_REFUSED"),
      new Case(151, "WITNESS_KEY_CREATED"),
      new Case(152, "WITNESSED_LOG_FORKED"),
      new Case(153, "WITNESSED_LOG_BAD_PROOF"),
      new Case(154, "BACKUP_TAKEN"),
      new Case(155, "BACKUP_RESTORED"),
      new Case(156, "LOG_REBUILT_FROM_ARCHIVE"),
      new Case(157, "RESTORED_TO_POINT_IN_TIME"),
      new Case(158, "LOG_KEY_ROTATED"),
      new Case(159, "LOG_ORIGIN_STARTED"),
      new Case(201, "READS_INGESTED"),
      new Case(202, "CAMERA_CREDENTIAL_REFUSED"),
      new Case(203, "CAMERA_REGISTERED"),
      new Case(204, "CAMERA_ACTIVATION_CHANGED"),
      new Case(301, "SIGN_IN_SUCCEEDED"),
      new Case(302, "SIGN_IN_FAILED"),
      new Case(303, "ACCOUNT_LOCKED"),
      new Case(304, "LOCKOUT_RELEASED"),
      new Case(305, "PASSWORD_CHANGED"),
      new Case(306, "MFA_ENROLLED"),
      new Case(307, "ACCOUNT_CREATED"),
      new Case(308, "ROLES_CHANGED"),
      new Case(309, "TRAINING_RECORDED"),
      new Case(310, "ACCOUNT_DISABLED"),
      new Case(311, "ACCOUNT_ENABLED"),
      new Case(312, "API_TOKEN_CREATED"),
      new Case(313, "API_TOKEN_REVOKED"),
      new Case(314, "API_TOKEN_REFUSED"),
      new Case(315, "SIGNED_OUT"),
      new Case(316, "SESSION_ENDED"),
      new Case(317, "ACCOUNT_CHANGE_REFUSED"),
      new Case(318, "CREDENTIALS_RESET"),
      new Case(330, "ACCOUNT_CHANGE_REQUESTED"),
      new Case(331, "ACCOUNT_CHANGE_APPROVED"),
      new Case(332, "ACCOUNT_CHANGE_REJECTED"),
      new Case(340, "CREDENTIALS_HELD_BACK"),
      new Case(341, "CSRF_TOKEN_REFUSED"),
      new Case(401, "POLICY_ACTIVATED"),
      new Case(402, "POLICY_PROPOSED"),
      new Case(403, "POLICY_PROPOSAL_REFUSED"),
      new Case(404, "POLICY_APPROVAL_RECORDED"),
      new Case(405, "POLICY_APPROVED"),
      new Case(406, "POLICY_APPROVAL_REFUSED"),
      new Case(501, "SEARCH_PERFORMED"),
      new Case(502, "SEARCH_DENIED"),
      new Case(601, "HOTLIST_CREATED"),
      new Case(602, "HOTLIST_ENTRY_ADDED"),
      new Case(603, "HOTLIST_ENTRY_APPROVED"),
      new Case(604, "HOTLIST_ENTRY_REMOVED"),
      new Case(605, "HOTLIST_IMPORT_STARTED"),
      new Case(606, "HOTLIST_IMPORTED"),
      new Case(607, "HOTLIST_EXTRACT_REPLACED"),
      new Case(608, "ALERTS_VIEWED"),
      new Case(609, "ALERT_VERIFIED"),
      new Case(610, "HOTLIST_ACTION_REFUSED"),
      new Case(611, "ALERTS_REDACTED"),
      new Case(640, "ALERT_STREAM_ENDED"),
      new Case(660, "HOTLIST_ENTRIES_VIEWED"),
      new Case(661, "HOTLIST_IMPORT_SUBMITTED"),
      new Case(662, "HOTLIST_IMPORT_APPROVED"),
      new Case(663, "HOTLIST_IMPORT_CANCELLED"),
      new Case(670, "HOTLIST_ENTRY_REFUSED"),
      new Case(671, "HOTLIST_IMPORT_REFUSED"),
      new Case(701, "READS_PURGED"),
      new Case(702, "LEGAL_HOLD_REQUESTED"),
      new Case(703, "LEGAL_HOLD_APPROVED"),
      new Case(704, "LEGAL_HOLD_ENDED"),
      new Case(705, "RETENTION_EXTENSION_REQUESTED"),
      new Case(706, "RETENTION_EXTENSION_APPROVED"),
      new Case(707, "RETENTION_EXTENSION_ENDED"),
      new Case(708, "RETENTION_GRANTS_VIEWED"),
      new Case(709, "RETENTION_ACTION_REFUSED"),
      new Case(720, "LEGAL_HOLD_REFUSED"),
      new Case(721, "RETENTION_EXTENSION_REFUSED"),
      new Case(801, "PARTNER_QUERY"),
      new Case(802, "PARTNER_QUERY_REFUSED"),
      new Case(803, "PARTNER_SEARCH_SENT"),
      new Case(820, "DATA_REQUEST_RECORDED"),
      new Case(821, "DATA_REQUEST_REFUSED"),
      new Case(822, "DATA_REQUEST_APPROVED"),
      new Case(823, "DATA_REQUEST_DENIED"),
      new Case(824, "DATA_REQUEST_EXPORTED"),
      new Case(825, "DATA_REQUEST_RELEASED"),
      new Case(826, "DATA_REQUESTS_VIEWED"),
      new Case(901, "SELF_AUDIT_PASSED"),
      new Case(902, "SELF_AUDIT_DRIFT"),
      new Case(910, "FINDINGS_VIEWED"),
      new Case(911, "FINDING_EVIDENCE_OPENED"),
      new Case(912, "FINDING_DISMISSED"),
      new Case(913, "FINDING_ACCESS_REFUSED"),
      new Case(920, "INVESTIGATION_OPENED"),
      new Case(921, "INVESTIGATION_ASSIGNED"),
      new Case(922, "INVESTIGATION_STEP_RECORDED"),
      new Case(923, "INVESTIGATION_CLOSED"),
      new Case(924, "INVESTIGATION_REFUSED"),
      new Case(925, "INVESTIGATIONS_VIEWED"),
      new Case(930, "VENDOR_AUDIT_UPLOADED"),
      new Case(931, "VENDOR_AUDIT_IMPORTED"),
      new Case(932, "VENDOR_AUDIT_REPORT_OPENED"),
      new Case(933, "VENDOR_AUDIT_REFUSED"),
      new Case(940, "READS_INGEST_REFUSED"));

  @Test
  void everyTypeKeepsTheCodeAndNameItWasSignedWith() {
    List<Case> got = AuditEventTypes.all().stream().map(t -> new Case(t.code(), t.name())).toList();
    assertThat(got).containsExactlyElementsOf(SIGNED);
  }

  @Test
  void codesAndNamesAreUnique() {
    Set<Integer> codes = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (AuditEventType t : AuditEventTypes.all()) {
      assertThat(codes.add(t.code())).as("code %d taken once", t.code()).isTrue();
      assertThat(names.add(t.name())).as("name %s taken once", t.name()).isTrue();
    }
    assertThat(codes).hasSize(declared(AuditEventTypes.class).size());
  }

  @Test
  void looksUpATypeByItsCode() {
    assertThat(AuditEventTypes.byCode(501)).contains(AuditEventTypes.SEARCH_PERFORMED);
    assertThat(AuditEventTypes.byCode(104)).contains(AuditEventTypes.AUDIT_ENTRY_OPENED);
    for (AuditEventType t : AuditEventTypes.all()) {
      assertThat(AuditEventTypes.byCode(t.code())).containsSame(t);
    }
    assertThat(AuditEventTypes.byCode(199)).isEmpty();
    assertThat(AuditEventTypes.byCode(0)).isEmpty();
  }

  @Test
  void everyFeaturesTypesAreTheRegisteredOnes() {
    int named = 0;
    for (Class<?> feature : List.of(AuditTypes.class, ReadsAuditTypes.class, AccountsAuditTypes.class,
        PolicyAuditTypes.class, SearchAuditTypes.class, HotlistAuditTypes.class, RetentionAuditTypes.class,
        DataRequestAuditTypes.class, SharingAuditTypes.class, SelfAuditTypes.class, FindingAuditTypes.class,
        org.glassplate.server.oversight.InvestigationAuditTypes.class,
        org.glassplate.server.oversight.VendorAuditTypes.class)) {
      for (AuditEventType t : declared(feature)) {
        assertThat(AuditEventTypes.byCode(t.code())).as("%s in %s", t, feature.getSimpleName()).containsSame(t);
        named++;
      }
    }
    assertThat(named).as("every registered type has a feature").isEqualTo(AuditEventTypes.all().size());
  }

  @Test
  void onlyTheRegistryMakesTypes() {
    JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.glassplate.server");
    noClasses().that().doNotHaveFullyQualifiedName(AuditEventTypes.class.getName())
        .should().callConstructor(AuditEventType.class, int.class, String.class)
        .check(main);
  }

  private static List<AuditEventType> declared(Class<?> holder) {
    return java.util.Arrays.stream(holder.getDeclaredFields())
        .filter(f -> f.getType() == AuditEventType.class && Modifier.isStatic(f.getModifiers()))
        .map(AuditEventTypesTest::value).toList();
  }

  private static AuditEventType value(Field f) {
    try {
      return (AuditEventType) f.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}

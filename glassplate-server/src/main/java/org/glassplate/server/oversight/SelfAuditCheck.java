package org.glassplate.server.oversight;

import java.util.List;
import java.util.Objects;

/**
 * One check of a self-audit (R-GOV-3), with a stable name.
 *
 * @param detail what was checked and found, in words (pseudonyms and counts, never a name or a plate)
 * @param before what the record says was approved, one item a line, for the items that differ
 * @param after what was found instead, item for item
 */
public record SelfAuditCheck(String name, SelfAuditStatus status, String detail, List<String> before,
    List<String> after) {

  public static final String POLICY = "policy";
  public static final String SHARING_AGREEMENTS = "sharing-agreements";
  public static final String RETENTION = "retention";
  public static final String HOTLIST_SOURCES = "hotlist-sources";
  public static final String ACCOUNT_ROLES = "account-roles";
  public static final String CAMERAS = "cameras";
  public static final String CONFIGURATION = "configuration";
  public static final String AUDIT_TREE = "audit-tree";
  public static final String AUDIT_TRIGGERS = "audit-triggers";
  public static final String AUDIT_SIGNER_KEY = "audit-signer-key";
  public static final String IDLE_ACCOUNTS = "idle-accounts";
  public static final String LAPSED_TRAINING = "lapsed-training";
  public static final String OVERDUE_INVESTIGATIONS = "overdue-investigations";

  public SelfAuditCheck {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
    before = before == null ? List.of() : List.copyOf(before);
    after = after == null ? List.of() : List.copyOf(after);
  }

  static SelfAuditCheck ok(String name, String detail) {
    return new SelfAuditCheck(name, SelfAuditStatus.OK, detail, List.of(), List.of());
  }

  static SelfAuditCheck drift(String name, String detail, List<String> before, List<String> after) {
    return new SelfAuditCheck(name, SelfAuditStatus.DRIFT, detail, before, after);
  }

  public boolean drifted() {
    return status == SelfAuditStatus.DRIFT;
  }
}

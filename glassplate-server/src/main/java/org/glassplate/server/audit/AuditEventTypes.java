package org.glassplate.server.audit;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every audited event type in one place, with its stable numeric code and name (R-AUD-1), and a
 * reverse index by code, as Keycloak's {@code EventType}. Codes and names are in signed audit
 * entries forever: never renumber or rename one, never reuse a code; add new types at the end of
 * their feature's range (audit and server 1xx, reads 2xx, accounts 3xx, policy 4xx, search 5xx,
 * hotlist 6xx, retention 7xx, sharing 8xx, oversight 9xx, transparency and demo 10xx). Features
 * refer to their types through their own {@code *AuditTypes} names for these constants.
 */
public final class AuditEventTypes {

  // The audit log and the server itself (1xx)
  public static final AuditEventType SERVER_STARTED = new AuditEventType(101, "SERVER_STARTED");
  public static final AuditEventType SERVER_STOPPED = new AuditEventType(102, "SERVER_STOPPED");
  public static final AuditEventType LOG_KEY_CREATED = new AuditEventType(103, "LOG_KEY_CREATED");
  public static final AuditEventType AUDIT_ENTRY_OPENED = new AuditEventType(104, "AUDIT_ENTRY_OPENED");
  public static final AuditEventType AUDIT_ENTRY_OPENING_REFUSED = new AuditEventType(105, "AUDIT_ENTRY_OPENING_REFUSED");
  // Witnessing (issue 15, R-AUD-5): this node's witness key, and forks of logs it witnesses
  public static final AuditEventType WITNESS_KEY_CREATED = new AuditEventType(151, "WITNESS_KEY_CREATED");
  public static final AuditEventType WITNESSED_LOG_FORKED = new AuditEventType(152, "WITNESSED_LOG_FORKED");
  public static final AuditEventType WITNESSED_LOG_BAD_PROOF = new AuditEventType(153, "WITNESSED_LOG_BAD_PROOF");
  // Backups and restore (issue 18): a backup of the database taken, a backup restored, and the log's
  // entries rebuilt from its tile archive (glassplate.audit.archive-dir) up to its last published checkpoint
  public static final AuditEventType BACKUP_TAKEN = new AuditEventType(154, "BACKUP_TAKEN");
  public static final AuditEventType BACKUP_RESTORED = new AuditEventType(155, "BACKUP_RESTORED");
  public static final AuditEventType LOG_REBUILT_FROM_ARCHIVE = new AuditEventType(156, "LOG_REBUILT_FROM_ARCHIVE");
  // a base backup restored and the WAL archive replayed up to a time (restore --until)
  public static final AuditEventType RESTORED_TO_POINT_IN_TIME = new AuditEventType(157, "RESTORED_TO_POINT_IN_TIME");
  // Moving to a new log key (issue 18): the old origin's last entry announces the new origin and key
  // (signed with the old key); the new origin's first entry names the origin it follows
  public static final AuditEventType LOG_KEY_ROTATED = new AuditEventType(158, "LOG_KEY_ROTATED");
  public static final AuditEventType LOG_ORIGIN_STARTED = new AuditEventType(159, "LOG_ORIGIN_STARTED");

  // Reads (2xx)
  public static final AuditEventType READS_INGESTED = new AuditEventType(201, "READS_INGESTED");
  public static final AuditEventType CAMERA_CREDENTIAL_REFUSED = new AuditEventType(202, "CAMERA_CREDENTIAL_REFUSED");
  public static final AuditEventType CAMERA_REGISTERED = new AuditEventType(203, "CAMERA_REGISTERED");
  public static final AuditEventType CAMERA_ACTIVATION_CHANGED = new AuditEventType(204, "CAMERA_ACTIVATION_CHANGED");

  // Accounts (3xx; R-AUD-1, issue 4 item 8)
  public static final AuditEventType SIGN_IN_SUCCEEDED = new AuditEventType(301, "SIGN_IN_SUCCEEDED");
  public static final AuditEventType SIGN_IN_FAILED = new AuditEventType(302, "SIGN_IN_FAILED");
  public static final AuditEventType ACCOUNT_LOCKED = new AuditEventType(303, "ACCOUNT_LOCKED");
  public static final AuditEventType LOCKOUT_RELEASED = new AuditEventType(304, "LOCKOUT_RELEASED");
  public static final AuditEventType PASSWORD_CHANGED = new AuditEventType(305, "PASSWORD_CHANGED");
  public static final AuditEventType MFA_ENROLLED = new AuditEventType(306, "MFA_ENROLLED");
  public static final AuditEventType ACCOUNT_CREATED = new AuditEventType(307, "ACCOUNT_CREATED");
  public static final AuditEventType ROLES_CHANGED = new AuditEventType(308, "ROLES_CHANGED");
  public static final AuditEventType TRAINING_RECORDED = new AuditEventType(309, "TRAINING_RECORDED");
  public static final AuditEventType ACCOUNT_DISABLED = new AuditEventType(310, "ACCOUNT_DISABLED");
  public static final AuditEventType ACCOUNT_ENABLED = new AuditEventType(311, "ACCOUNT_ENABLED");
  public static final AuditEventType API_TOKEN_CREATED = new AuditEventType(312, "API_TOKEN_CREATED");
  public static final AuditEventType API_TOKEN_REVOKED = new AuditEventType(313, "API_TOKEN_REVOKED");
  public static final AuditEventType API_TOKEN_REFUSED = new AuditEventType(314, "API_TOKEN_REFUSED");
  public static final AuditEventType SIGNED_OUT = new AuditEventType(315, "SIGNED_OUT");
  public static final AuditEventType SESSION_ENDED = new AuditEventType(316, "SESSION_ENDED");
  public static final AuditEventType ACCOUNT_CHANGE_REFUSED = new AuditEventType(317, "ACCOUNT_CHANGE_REFUSED");
  public static final AuditEventType CREDENTIALS_RESET = new AuditEventType(318, "CREDENTIALS_RESET");
  // Two people for privileged account changes (R-ACC-7, issue 12); 319-329 left to the sign-in work of the same issue
  public static final AuditEventType ACCOUNT_CHANGE_REQUESTED = new AuditEventType(330, "ACCOUNT_CHANGE_REQUESTED");
  public static final AuditEventType ACCOUNT_CHANGE_APPROVED = new AuditEventType(331, "ACCOUNT_CHANGE_APPROVED");
  public static final AuditEventType ACCOUNT_CHANGE_REJECTED = new AuditEventType(332, "ACCOUNT_CHANGE_REJECTED");
  // issue 12 items 8 and 9, from 340 on (319 and up are left to the account changes of the same issue)
  public static final AuditEventType CREDENTIALS_HELD_BACK = new AuditEventType(340, "CREDENTIALS_HELD_BACK");
  public static final AuditEventType CSRF_TOKEN_REFUSED = new AuditEventType(341, "CSRF_TOKEN_REFUSED");

  // Policy (4xx); each carries before and after hashes
  public static final AuditEventType POLICY_ACTIVATED = new AuditEventType(401, "POLICY_ACTIVATED");
  public static final AuditEventType POLICY_PROPOSED = new AuditEventType(402, "POLICY_PROPOSED");
  public static final AuditEventType POLICY_PROPOSAL_REFUSED = new AuditEventType(403, "POLICY_PROPOSAL_REFUSED");
  public static final AuditEventType POLICY_APPROVAL_RECORDED = new AuditEventType(404, "POLICY_APPROVAL_RECORDED");
  public static final AuditEventType POLICY_APPROVED = new AuditEventType(405, "POLICY_APPROVED");
  public static final AuditEventType POLICY_APPROVAL_REFUSED = new AuditEventType(406, "POLICY_APPROVAL_REFUSED");

  // Search (5xx)
  public static final AuditEventType SEARCH_PERFORMED = new AuditEventType(501, "SEARCH_PERFORMED");
  public static final AuditEventType SEARCH_DENIED = new AuditEventType(502, "SEARCH_DENIED");

  // Hot lists (6xx; R-AUD-1)
  public static final AuditEventType HOTLIST_CREATED = new AuditEventType(601, "HOTLIST_CREATED");
  public static final AuditEventType HOTLIST_ENTRY_ADDED = new AuditEventType(602, "HOTLIST_ENTRY_ADDED");
  public static final AuditEventType HOTLIST_ENTRY_APPROVED = new AuditEventType(603, "HOTLIST_ENTRY_APPROVED");
  public static final AuditEventType HOTLIST_ENTRY_REMOVED = new AuditEventType(604, "HOTLIST_ENTRY_REMOVED");
  public static final AuditEventType HOTLIST_IMPORT_STARTED = new AuditEventType(605, "HOTLIST_IMPORT_STARTED");
  public static final AuditEventType HOTLIST_IMPORTED = new AuditEventType(606, "HOTLIST_IMPORTED");
  public static final AuditEventType HOTLIST_EXTRACT_REPLACED = new AuditEventType(607, "HOTLIST_EXTRACT_REPLACED");
  public static final AuditEventType ALERTS_VIEWED = new AuditEventType(608, "ALERTS_VIEWED");
  public static final AuditEventType ALERT_VERIFIED = new AuditEventType(609, "ALERT_VERIFIED");
  public static final AuditEventType HOTLIST_ACTION_REFUSED = new AuditEventType(610, "HOTLIST_ACTION_REFUSED");
  public static final AuditEventType ALERTS_REDACTED = new AuditEventType(611, "ALERTS_REDACTED");
  // Alert streams that end when access is revoked (issue 12 item 4)
  public static final AuditEventType ALERT_STREAM_ENDED = new AuditEventType(640, "ALERT_STREAM_ENDED");
  // Two people for every hot-list entry, training and an audit entry for every view of one (issue 12)
  public static final AuditEventType HOTLIST_ENTRIES_VIEWED = new AuditEventType(660, "HOTLIST_ENTRIES_VIEWED");
  public static final AuditEventType HOTLIST_IMPORT_SUBMITTED = new AuditEventType(661, "HOTLIST_IMPORT_SUBMITTED");
  public static final AuditEventType HOTLIST_IMPORT_APPROVED = new AuditEventType(662, "HOTLIST_IMPORT_APPROVED");
  public static final AuditEventType HOTLIST_IMPORT_CANCELLED = new AuditEventType(663, "HOTLIST_IMPORT_CANCELLED");
  // A supervisor refuses, with a reason, what waits for a second person (issue 13)
  public static final AuditEventType HOTLIST_ENTRY_REFUSED = new AuditEventType(670, "HOTLIST_ENTRY_REFUSED");
  public static final AuditEventType HOTLIST_IMPORT_REFUSED = new AuditEventType(671, "HOTLIST_IMPORT_REFUSED");

  // Retention (7xx; R-AUD-1)
  public static final AuditEventType READS_PURGED = new AuditEventType(701, "READS_PURGED");
  public static final AuditEventType LEGAL_HOLD_REQUESTED = new AuditEventType(702, "LEGAL_HOLD_REQUESTED");
  public static final AuditEventType LEGAL_HOLD_APPROVED = new AuditEventType(703, "LEGAL_HOLD_APPROVED");
  public static final AuditEventType LEGAL_HOLD_ENDED = new AuditEventType(704, "LEGAL_HOLD_ENDED");
  public static final AuditEventType RETENTION_EXTENSION_REQUESTED = new AuditEventType(705, "RETENTION_EXTENSION_REQUESTED");
  public static final AuditEventType RETENTION_EXTENSION_APPROVED = new AuditEventType(706, "RETENTION_EXTENSION_APPROVED");
  public static final AuditEventType RETENTION_EXTENSION_ENDED = new AuditEventType(707, "RETENTION_EXTENSION_ENDED");
  public static final AuditEventType RETENTION_GRANTS_VIEWED = new AuditEventType(708, "RETENTION_GRANTS_VIEWED");
  public static final AuditEventType RETENTION_ACTION_REFUSED = new AuditEventType(709, "RETENTION_ACTION_REFUSED");
  // A supervisor refuses a pending hold or extension with a reason (issue 13)
  public static final AuditEventType LEGAL_HOLD_REFUSED = new AuditEventType(720, "LEGAL_HOLD_REFUSED");
  public static final AuditEventType RETENTION_EXTENSION_REFUSED = new AuditEventType(721, "RETENTION_EXTENSION_REFUSED");

  // Sharing: written data requests (82x)
  public static final AuditEventType DATA_REQUEST_RECORDED = new AuditEventType(820, "DATA_REQUEST_RECORDED");
  public static final AuditEventType DATA_REQUEST_REFUSED = new AuditEventType(821, "DATA_REQUEST_REFUSED");
  public static final AuditEventType DATA_REQUEST_APPROVED = new AuditEventType(822, "DATA_REQUEST_APPROVED");
  public static final AuditEventType DATA_REQUEST_DENIED = new AuditEventType(823, "DATA_REQUEST_DENIED");
  public static final AuditEventType DATA_REQUEST_EXPORTED = new AuditEventType(824, "DATA_REQUEST_EXPORTED");
  public static final AuditEventType DATA_REQUEST_RELEASED = new AuditEventType(825, "DATA_REQUEST_RELEASED");
  public static final AuditEventType DATA_REQUESTS_VIEWED = new AuditEventType(826, "DATA_REQUESTS_VIEWED");

  // Sharing (8xx; R-SHR-3, R-AUD-1): a partner agency's query answered or refused on this, the owner's, side
  public static final AuditEventType PARTNER_QUERY = new AuditEventType(801, "PARTNER_QUERY");
  public static final AuditEventType PARTNER_QUERY_REFUSED = new AuditEventType(802, "PARTNER_QUERY_REFUSED");
  // ... and on the requesting side: what each partner asked by a fan-out search answered, with its audit index
  public static final AuditEventType PARTNER_SEARCH_SENT = new AuditEventType(803, "PARTNER_SEARCH_SENT");

  // Oversight: the daily self-audit (90x; R-GOV-3); a drift is a critical finding
  public static final AuditEventType SELF_AUDIT_PASSED = new AuditEventType(901, "SELF_AUDIT_PASSED");
  public static final AuditEventType SELF_AUDIT_DRIFT = new AuditEventType(902, "SELF_AUDIT_DRIFT");

  // Oversight: misuse findings (91x; R-GOV-4, issue 16): what an auditor does with them
  public static final AuditEventType FINDINGS_VIEWED = new AuditEventType(910, "FINDINGS_VIEWED");
  public static final AuditEventType FINDING_EVIDENCE_OPENED = new AuditEventType(911, "FINDING_EVIDENCE_OPENED");
  public static final AuditEventType FINDING_DISMISSED = new AuditEventType(912, "FINDING_DISMISSED");
  public static final AuditEventType FINDING_ACCESS_REFUSED = new AuditEventType(913, "FINDING_ACCESS_REFUSED");

  // Oversight: misuse investigations (92x; R-GOV-4, issue 16): every step of one, and its refusals
  public static final AuditEventType INVESTIGATION_OPENED = new AuditEventType(920, "INVESTIGATION_OPENED");
  public static final AuditEventType INVESTIGATION_ASSIGNED = new AuditEventType(921, "INVESTIGATION_ASSIGNED");
  public static final AuditEventType INVESTIGATION_STEP_RECORDED = new AuditEventType(922, "INVESTIGATION_STEP_RECORDED");
  public static final AuditEventType INVESTIGATION_CLOSED = new AuditEventType(923, "INVESTIGATION_CLOSED");
  public static final AuditEventType INVESTIGATION_REFUSED = new AuditEventType(924, "INVESTIGATION_REFUSED");
  public static final AuditEventType INVESTIGATIONS_VIEWED = new AuditEventType(925, "INVESTIGATIONS_VIEWED");

  // Oversight: vendor audit exports uploaded by auditors (93x; R-GOV-5, issue 17)
  public static final AuditEventType VENDOR_AUDIT_UPLOADED = new AuditEventType(930, "VENDOR_AUDIT_UPLOADED");
  public static final AuditEventType VENDOR_AUDIT_IMPORTED = new AuditEventType(931, "VENDOR_AUDIT_IMPORTED");
  public static final AuditEventType VENDOR_AUDIT_REPORT_OPENED = new AuditEventType(932, "VENDOR_AUDIT_REPORT_OPENED");
  public static final AuditEventType VENDOR_AUDIT_REFUSED = new AuditEventType(933, "VENDOR_AUDIT_REFUSED");

  // Reads import (issue 17, 940-944): a person's token sent to an ingest endpoint, which only cameras may use
  public static final AuditEventType READS_INGEST_REFUSED = new AuditEventType(940, "READS_INGEST_REFUSED");

  private static final Map<Integer, AuditEventType> BY_CODE;

  static {
    Map<Integer, AuditEventType> byCode = new TreeMap<>();
    Map<String, AuditEventType> byName = new TreeMap<>();
    for (Field f : AuditEventTypes.class.getDeclaredFields()) {
      if (f.getType() == AuditEventType.class && Modifier.isStatic(f.getModifiers())) {
        AuditEventType type;
        try {
          type = (AuditEventType) f.get(null);
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
        // fail at class loading, not in a signed entry, when a code or a name is taken twice
        if (byCode.putIfAbsent(type.code(), type) != null || byName.putIfAbsent(type.name(), type) != null
            || !f.getName().equals(type.name())) {
          throw new IllegalStateException("audit event type " + type + " repeats a code or a name");
        }
      }
    }
    BY_CODE = Collections.unmodifiableMap(byCode);
  }

  private AuditEventTypes() {
  }

  /** Every registered type, in code order. */
  public static List<AuditEventType> all() {
    return List.copyOf(BY_CODE.values());
  }

  /** The registered type with this code, if there is one. */
  public static Optional<AuditEventType> byCode(int code) {
    return Optional.ofNullable(BY_CODE.get(code));
  }
}

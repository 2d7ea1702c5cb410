package org.glassplate.server.audit;

/**
 * Audited events of the audit log and the server itself (codes 1xx): this feature's names for its types in the
 * {@link AuditEventTypes} registry, which keeps every code and name.
 */
public final class AuditTypes {
  public static final AuditEventType SERVER_STARTED = AuditEventTypes.SERVER_STARTED;
  public static final AuditEventType SERVER_STOPPED = AuditEventTypes.SERVER_STOPPED;
  public static final AuditEventType LOG_KEY_CREATED = AuditEventTypes.LOG_KEY_CREATED;
  public static final AuditEventType ENTRY_OPENED = AuditEventTypes.AUDIT_ENTRY_OPENED;
  /** A caller without the auditor role asked to open an entry's private fields; refused by the role rule. */
  public static final AuditEventType ENTRY_OPENING_REFUSED = AuditEventTypes.AUDIT_ENTRY_OPENING_REFUSED;
  /** This node's witness key (cosigner, type 0x04) was created. */
  public static final AuditEventType WITNESS_KEY_CREATED = AuditEventTypes.WITNESS_KEY_CREATED;
  /**
   * A log this node witnesses presented a checkpoint of the size of one this node cosigned with
   * another root: a proven fork, both signed checkpoints in the entry (a critical finding).
   */
  public static final AuditEventType WITNESSED_LOG_FORKED = AuditEventTypes.WITNESSED_LOG_FORKED;
  /**
   * A checkpoint of a log this node witnesses came with a consistency proof from the one this node
   * cosigned that does not verify: refused, both signed checkpoints kept and in the entry.
   */
  public static final AuditEventType WITNESSED_LOG_BAD_PROOF = AuditEventTypes.WITNESSED_LOG_BAD_PROOF;
  /** {@code glassplate backup} took a backup of the database (issue 18). */
  public static final AuditEventType BACKUP_TAKEN = AuditEventTypes.BACKUP_TAKEN;
  /** {@code glassplate restore} restored a backup into a new data directory (issue 18). */
  public static final AuditEventType BACKUP_RESTORED = AuditEventTypes.BACKUP_RESTORED;
  /**
   * The log's entries from the database's size up to the tile archive's checkpoint were rebuilt from
   * the archive's entry bundles (their private fields are not in bundles and are lost).
   */
  public static final AuditEventType LOG_REBUILT_FROM_ARCHIVE = AuditEventTypes.LOG_REBUILT_FROM_ARCHIVE;
  /**
   * {@code glassplate restore --until TIME} restored a base backup and replayed the WAL archive up to
   * TIME: what happened after TIME is not in the database (the log's entries after it come back from the
   * tile archive when there is one).
   */
  public static final AuditEventType RESTORED_TO_POINT_IN_TIME = AuditEventTypes.RESTORED_TO_POINT_IN_TIME;

  /**
   * The last entry of an origin of the log ({@code glassplate audit rotate-key}): public fields
   * {@code origin} and {@code verifierKey} (the origin and key it ends), {@code newOrigin} and
   * {@code newVerifierKey}; covered by the ended origin's final checkpoint, signed with its key.
   */
  public static final AuditEventType LOG_KEY_ROTATED = AuditEventTypes.LOG_KEY_ROTATED;
  /** The first entry of a new origin: {@code previousOrigin}, {@code previousVerifierKey}, {@code previousFinalSize}. */
  public static final AuditEventType LOG_ORIGIN_STARTED = AuditEventTypes.LOG_ORIGIN_STARTED;

  private AuditTypes() {
  }
}

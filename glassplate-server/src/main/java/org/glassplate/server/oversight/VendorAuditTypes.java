package org.glassplate.server.oversight;

import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;

/**
 * Audited events of the vendor audit uploads (codes 930 to 934; R-GOV-5, issue 17): this feature's names for its
 * types in the {@link AuditEventTypes} registry. File names and the files' content never go into an entry: they
 * hold plates, names, case numbers and reasons typed in another system.
 */
public final class VendorAuditTypes {
  /** An auditor uploaded vendor exports; recorded before the import is queued (no entry, no import). */
  public static final AuditEventType VENDOR_AUDIT_UPLOADED = AuditEventTypes.VENDOR_AUDIT_UPLOADED;
  /** An import ended: its counts (rows, bad rows, flagged searches), or that it failed. */
  public static final AuditEventType VENDOR_AUDIT_IMPORTED = AuditEventTypes.VENDOR_AUDIT_IMPORTED;
  /** An auditor opened or downloaded a report; recorded before a byte of it is sent. */
  public static final AuditEventType VENDOR_AUDIT_REPORT_OPENED = AuditEventTypes.VENDOR_AUDIT_REPORT_OPENED;
  /** Someone without the auditor's role was refused the uploads, their progress or a report. */
  public static final AuditEventType VENDOR_AUDIT_REFUSED = AuditEventTypes.VENDOR_AUDIT_REFUSED;

  private VendorAuditTypes() {
  }
}

package org.glassplate.server.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A policy version that is (or was) in force: its number, the SHA-256 of its YAML bytes (stored in
 * every audit entry it decided), when it took effect, its approval record, the document itself and
 * what the document says (R-GOV-1). Accessors below are the enforced settings other features use.
 *
 * @param version 1 for the default installed at first start, then one more per approved proposal
 * @param sha256 lower-case hex SHA-256 of the document's UTF-8 bytes
 * @param effectiveAt when this version took effect
 * @param document the YAML exactly as approved and published
 * @param approvals who proposed and approved it (pseudonyms), or the initial-default record
 * @param governingBodyReference the resolution or minutes reference that approved an expansion, or null
 * @param content the parsed document
 */
public record EffectivePolicy(int version, String sha256, Instant effectiveAt, String document,
    List<PolicyApproval> approvals, String governingBodyReference, PolicyContent content) {

  public EffectivePolicy {
    approvals = List.copyOf(approvals);
  }

  /** How long a read that matched no hot list is kept (R-RET-1). */
  public Duration nonHitRetention() {
    return content.retention().nonHit();
  }

  /** How long a read that matched a hot list is kept. */
  public Duration hitRetention() {
    return content.retention().hit();
  }

  /** The longest legal hold a supervisor may approve (R-RET-2). */
  public Duration maxLegalHold() {
    return content.retention().maxLegalHold();
  }

  /** The longest retention extension a supervisor may approve (R-RET-2). */
  public Duration maxRetentionExtension() {
    return content.retention().maxExtension();
  }

  /** The hot-list sources reads are run against: a subset of {@code local}, {@code state}, {@code ncic}. */
  public Set<String> hotlistSources() {
    return content.hotlists().sources();
  }

  /** The offenses a search must choose from (R-SRCH-1). */
  public List<Offense> offenses() {
    return content.offenses();
  }

  public Optional<Offense> offense(String code) {
    return content.offenses().stream().filter(o -> o.code().equals(code)).findFirst();
  }

  /** How long a training record stays current (R-ACC-3). */
  public Duration trainingValidity() {
    return content.access().trainingValidity();
  }

  /** Accounts unused this many days are disabled (R-ACC-4). */
  public int inactivityDays() {
    return content.access().inactivityDays();
  }

  /** The sharing agreements the document lists, in force or not; none by default (R-SHR-1). */
  public List<SharingAgreement> sharing() {
    return content.sharing().agreements();
  }

  /** The purposes searches are screened against (R-SRCH-2). */
  public List<ProhibitedPurpose> prohibitedPurposes() {
    return content.purposes().prohibited();
  }
}

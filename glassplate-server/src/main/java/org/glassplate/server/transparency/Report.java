package org.glassplate.server.transparency;

import java.util.List;
import java.util.Map;

/**
 * The public transparency report (R-PUB-1), as {@code GET /transparency.json} answers it and the page
 * shows it: what the policy allows, what the system did in the last 30 days, and how to verify the
 * audit log. Texts stand in for absent values ("none needed", "not yet") where the page would
 * otherwise show a blank; the rest is null when absent.
 */
public record Report(String generatedAt, Agency agency, Policy policy, Collection collection, Uses uses,
    Access access, Misuse misuse, Hotlists hotlists, Retention retention, Cameras cameras, Sharing sharing, Reads reads, Hits hits,
    Searches searches, PartnerQueries partnerQueries, Grants holds, Grants extensions, Purges purges, Audit audit,
    String generatedAtLocal, SelfAudit selfAudit, MisuseReport misuseReport) {

  /**
   * The annual misuse report's totals (R-GOV-4, issue 16) of the current calendar year so far and of
   * the previous one, in the agency's time zone: counts only, no names and no pseudonyms. Auditors get
   * the same figures at {@code /oversight/reports/{year}}.
   */
  public record MisuseReport(MisuseYear currentYear, MisuseYear previousYear) {
  }

  /**
   * A year's totals: searches run and refused (by reason code), findings (by rule), investigations
   * opened (by their outcome at the year's end, or now) and closed (by outcome), and those pending and
   * pending for more than 180 days at the year's end (or now).
   */
  public record MisuseYear(int year, long searches, long searchesRefused, Map<String, Long> refusedByReason,
      long findings, Map<String, Long> findingsByRule, long investigationsOpened,
      Map<String, Long> investigationsOpenedByOutcome, long investigationsClosed,
      Map<String, Long> investigationsClosedByOutcome, long investigationsPending, long investigationsOverdue) {
  }

  /**
   * The daily self-audit (R-GOV-3): when the last one ran and its status, {@code OK} or {@code DRIFT}
   * (a critical finding), and nothing else; auditors see the detail. "not yet" before the first run.
   */
  public record SelfAudit(String status, String lastRunAt, String lastRunAtLocal) {
  }

  /** The agency; {@code timeZone} is the one the page shows times in (the JSON's {@code …Local} texts). */
  public record Agency(String id, String name, String state, String timeZone) {
  }

  /**
   * The policy in force, and every version before it ({@code versions}, newest first, each with its
   * changes from the one before).
   */
  public record Policy(int version, String sha256, String effectiveAt, String title, String authority,
      String governingBodyReference, List<Approval> approvals, Custodian custodian, String document,
      String effectiveAtLocal, List<Version> versions) {
  }

  /**
   * An approval of a policy version: {@code by} is the person's public pseudonym, {@code title} the
   * capacity they approved in, in words ("An administrator, who proposed it"); {@code note} is their
   * public note, empty when there is none.
   */
  public record Approval(String by, String as, String at, String note, String title, String atLocal) {
  }

  /**
   * A version of the policy: when it took effect, who approved it, and its changes from the version
   * before, as diff lines ({@code "+ "} added, {@code "- "} removed, {@code "  "} unchanged context,
   * {@code "…"} lines left out); the first version has no diff.
   */
  public record Version(int version, String sha256, String effectiveAt, String effectiveAtLocal,
      String governingBodyReference, List<Approval> approvals, List<String> diff) {
  }

  public record Custodian(String title, String designee, String contact) {
  }

  public record Collection(List<String> collected, List<String> notCollected) {
  }

  public record Uses(List<String> authorized, List<Prohibited> prohibited) {
  }

  public record Prohibited(String category, String description) {
  }

  /** Who may use the system: {@code roles} maps each role to what it may do. */
  public record Access(Map<String, String> roles, String identification, String contractors, String trainingCourse,
      String trainingValidity, int inactivityDays, String monitoring) {
  }

  /**
   * What counts as a misuse finding (R-GOV-4, docs/FINDINGS.md): each rule with its threshold in words,
   * from the policy's {@code oversight} section.
   */
  public record Misuse(List<MisuseRule> rules) {
  }

  /** A misuse rule's id and what raises it, e.g. "one plate searched by one person on 3 days within 14 days". */
  public record MisuseRule(String rule, String finding) {
  }

  public record Hotlists(List<String> sources, String description, String accuracy) {
  }

  /** Retention periods as a resident would say them, and two of them in ISO-8601 too. */
  public record Retention(String nonHit, String nonHitIso, String hit, String hitIso, String maxLegalHold,
      String maxExtension) {
  }

  public record Cameras(long active, int total, List<Location> locations) {
  }

  /** Where a camera stands, to five decimals (about a metre). */
  public record Location(long id, String name, double lat, double lon, boolean active) {
  }

  /** The agreements in force (R-SHR-1): {@code count} of them, listed in {@code agencies}. */
  public record Sharing(String description, int count, List<SharedWith> agencies) {
  }

  /**
   * An agreement in force with an agency. {@code type} is its kind ({@code local},
   * {@code state-agency}, {@code federal}, {@code private}), as is {@code kind}; {@code agreement} and
   * {@code reference} name the written agreement, empty when none is named. The terms, from
   * {@code url} to {@code expires}, are "none" for an entry of a document written before agreements
   * had terms. {@code approvedInVersion} is the policy version that added it or last widened it, with
   * that version's governing-body reference and approvals (capacities, never who).
   */
  public record SharedWith(String name, String state, String type, String agreement, String id, String kind,
      String url, String publicKey, String direction, AgreementScope scope, String starts, String expires,
      String reference, int approvedInVersion, String approvedAtLocal, String governingBodyReference,
      List<AgreementApproval> approvals) {
  }

  /**
   * What the partner's queries may reach, in words for the page: {@code cameras} "all" or the ids,
   * {@code reads} "all" or "hits-only", {@code lookback} in ISO-8601 and {@code lookbackText} in words.
   */
  public record AgreementScope(String cameras, String reads, String lookback, String lookbackText,
      List<String> offenses) {
  }

  /** An approval of the version behind an agreement: the capacity, in words, and when. */
  public record AgreementApproval(String as, String title, String at, String atLocal) {
  }

  /** Plate reads stored in the last 30 days, and per UTC day (every day, zero where none). */
  public record Reads(long last30Days, Map<String, Long> perDay) {
  }

  public record Hits(long last30Days, Accuracy accuracy, List<Accuracy> accuracyByMatchKind) {
  }

  /** How many verified hits were confirmed; {@code ratio} is null until a hit is verified. */
  public record Accuracy(String group, long alerts, long verified, long confirmed, long misread, long staleEntry,
      long other, Double ratio, String text) {
  }

  /**
   * Searches run and refused, counted from the signed public audit log. The refused are also counted
   * apart by kind: for a prohibited purpose, for a typing mistake (a field missing or malformed), for
   * any other rule (role, training, the legal floor, retention); {@code reasons} says each reason code
   * of {@code refusedByReason} in words.
   */
  public record Searches(long last30Days, long refusedLast30Days, Map<String, Long> refusedByReason,
      Map<String, Long> perDay, Map<String, Long> refusedPerDay, long refusedForProhibitedPurposeLast30Days,
      long refusedForMistakeLast30Days, long refusedForOtherRuleLast30Days, Map<String, String> reasons) {
  }

  public record PartnerQueries(long last30Days) {
  }

  /** Legal holds or retention extensions. */
  public record Grants(long active, long pending, long readsKept, long approvedLast30Days) {
  }

  /**
   * The last purge that deleted reads ({@code lastAt}, and how many it deleted), and the oldest read
   * still stored at the last purge.
   */
  public record Purges(String lastAt, String oldestReadStored, long lastReadsDeleted, String lastAtLocal,
      String oldestReadStoredLocal) {
  }

  /** The audit log's latest signed checkpoint, how to verify it, and a page of its public entries. */
  public record Audit(long size, String origin, String publicKey, String checkpoint, String signedAt, String rootHash,
      String verifyCommand, Browse browse, String signedAtLocal, Witnessing witnessing, List<OriginRow> origins) {
  }

  /**
   * An origin of the log (issue 18, moving to a new log key), oldest first, the current one last: the tree
   * goes on across a move; each earlier origin ended at {@code finalSize} (its last entry announcing the
   * next origin and key), with its final checkpoint signed with its own key.
   *
   * @param finalSize the size where it ended, or -1 for the current origin
   * @param endedAt when it ended (UTC), or "current"
   * @param finalCheckpoint its final checkpoint note, or "" for the current origin
   * @param nextOrigin the origin it announced, or ""
   */
  public record OriginRow(String origin, String publicKey, long firstSize, long finalSize, String endedAt,
      String finalCheckpoint, String nextOrigin, boolean current) {
  }

  /**
   * Witnessing (issue 15, R-AUD-5): this log's witnesses, the last size each cosigned and when
   * ("never"), the verify command that requires their cosignatures, and the forks this node saw as a
   * witness of other logs (critical findings), newest first.
   */
  public record Witnessing(List<WitnessRow> witnesses, String verifyCommand, String witnessKey, List<ForkRow> forks) {
  }

  /** A witness of this log; {@code lastCosignedSize} is -1 and {@code lastCosignedAt} "never" before its first cosignature. */
  public record WitnessRow(String vkey, String url, long lastCosignedSize, String lastCosignedAt) {
  }

  /**
   * A critical finding: a log this node witnesses presented a checkpoint inconsistent with one this
   * node cosigned ({@code outcome} FORK_DETECTED, INCONSISTENT_CHECKPOINT or BAD_PROOF), both signed
   * checkpoints as recorded in this node's audit entry {@code index}.
   */
  public record ForkRow(long index, String time, String origin, String outcome, String cosignedCheckpoint,
      String presentedCheckpoint) {
  }

  /**
   * A page of entries, newest first; {@code first} is the index of the page's first entry, -1 when
   * empty; {@code type} the event type the page is filtered to, empty for every type; {@code types}
   * the event types there are to filter by.
   */
  public record Browse(long newest, long first, List<AuditRow> entries, String type, List<String> types) {
    public Browse(long newest, long first, List<AuditRow> entries) {
      this(newest, first, entries, "", List.of());
    }
  }

  /**
   * The public columns of an entry ("n/a" where empty) and where its inclusion proof is;
   * {@code localTime} is {@code time} to the second in the agency's time zone, {@code event} the type
   * in words.
   */
  public record AuditRow(long index, String time, String agency, String roles, String type, String outcome,
      String offense, String reasonCategory, String reasonCode, String caseNumberPresent, String resultCount,
      String camerasCovered, String onBehalfOf, String inclusionProof, String localTime, String event) {
    public AuditRow(long index, String time, String agency, String roles, String type, String outcome, String offense,
        String reasonCategory, String reasonCode, String caseNumberPresent, String resultCount, String camerasCovered,
        String onBehalfOf, String inclusionProof) {
      this(index, time, agency, roles, type, outcome, offense, reasonCategory, reasonCode, caseNumberPresent,
          resultCount, camerasCovered, onBehalfOf, inclusionProof, time, type);
    }
  }
}

package org.glassplate.server.transparency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.time.ZoneId;
import java.util.Optional;
import org.glassplate.server.audit.AuditEventType;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.oversight.AnnualMisuseReport;
import org.glassplate.server.oversight.MisuseReports;
import org.glassplate.server.oversight.SelfAudits;
import org.glassplate.server.policy.LineDiff;
import org.glassplate.server.retention.PurgeRecord;
import org.glassplate.server.retention.RetentionPurge;
import org.glassplate.server.search.DeniedReasons;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.retention.RetentionFigures;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.search.SearchAuditTypes;
import org.glassplate.server.sharing.SharingAuditTypes;
import org.glassplate.server.hotlist.HitAccuracy;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyApproval;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.sharing.Agreements;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.core.Agency;
import org.springframework.stereotype.Service;

/**
 * Everything the public transparency page shows, computed from the live system and the enforced
 * policy (R-PUB-1): the policy, the cameras and the audit log at the moment of asking, the figures of
 * the last 30 days at most {@link #FIGURES_MAX_AGE} old. The page, its JSON twin and the browser test
 * all read this one model, so the page cannot say something the system does not.
 */
@Service
public class TransparencyReport {
  public static final int DAYS = 30;
  /** How long the 30-day figures are reused at most. */
  public static final Duration FIGURES_MAX_AGE = Duration.ofSeconds(60);

  private final Agency agency;
  private final Policies policies;
  private final Cameras cameras;
  private final Reads reads;
  private final Alerts alerts;
  private final AuditLog auditLog;
  private final RetentionGrants grants;
  private final Clock clock;
  private final RetentionPurge purge;
  private final Agreements agreements;
  private final org.glassplate.server.audit.NodeWitness witness;
  private final SelfAudits selfAudits;
  private final MisuseReports misuseReports;
  private Figures figures; // guarded by this

  TransparencyReport(Agency agency, Policies policies, Cameras cameras, Reads reads, Alerts alerts, AuditLog auditLog,
      RetentionGrants grants, Clock clock, RetentionPurge purge, Agreements agreements,
      org.glassplate.server.audit.NodeWitness witness, SelfAudits selfAudits, MisuseReports misuseReports) {
    this.misuseReports = misuseReports;
    this.witness = witness;
    this.selfAudits = selfAudits;
    this.purge = purge;
    this.agreements = agreements;
    this.auditLog = auditLog;
    this.grants = grants;
    this.agency = agency;
    this.policies = policies;
    this.cameras = cameras;
    this.reads = reads;
    this.alerts = alerts;
    this.clock = clock;
  }

  /**
   * @param baseUrl where the public reaches this server, for the verification instructions
   * @param auditBefore the audit browser's page: entries at or below this index (null: the newest)
   */
  public Report report(String baseUrl, Long auditBefore) {
    return report(baseUrl, auditBefore, null);
  }

  /**
   * @param auditType the audit browser's event type (its name, e.g. {@code SEARCH_DENIED}), or null for every type
   * @throws Refusal 422 naming {@code auditType} when it is no event type of the log
   */
  public Report report(String baseUrl, Long auditBefore, String auditType) {
    AuditEventType type = null;
    if (auditType != null && !auditType.isBlank()) {
      type = AuditEventTypes.all().stream().filter(t -> t.name().equals(auditType.strip())).findFirst()
          .orElseThrow(() -> Refusal.invalid("auditType", "not an event type of the audit log"));
    }
    Instant now = clock.instant();
    ZoneId zone = agency.timeZone();
    EffectivePolicy policy = policies.current();
    PolicyContent doc = policy.content();

    Report.Policy policyView = new Report.Policy(policy.version(), policy.sha256(), policy.effectiveAt().toString(),
        doc.title(), doc.authority(),
        policy.governingBodyReference() == null ? "none needed" : policy.governingBodyReference(),
        approvals(policy, zone),
        new Report.Custodian(doc.custodian().title(), doc.custodian().designee(), doc.custodian().contact()),
        "/api/v1/policy", local(policy.effectiveAt(), zone), versions(zone));
    Report.Uses uses = new Report.Uses(doc.purposes().authorized(), doc.purposes().prohibited().stream()
        .map(p -> new Report.Prohibited(p.category(), p.description())).toList());
    Report.Access access = new Report.Access(new TreeMap<>(doc.access().roles()), doc.access().identification(),
        doc.access().contractors(), doc.access().trainingCourse(), human(doc.access().trainingValidity()),
        doc.access().inactivityDays(), doc.monitoring().description());
    Report.Misuse misuse = misuse(doc.oversight(), policy.nonHitRetention());
    Report.Hotlists hotlists = new Report.Hotlists(doc.hotlists().sources().stream().sorted().toList(),
        doc.hotlists().description() == null ? "" : doc.hotlists().description(), doc.accuracy());
    Report.Retention retention = new Report.Retention(human(policy.nonHitRetention()),
        policy.nonHitRetention().toString(), human(policy.hitRetention()), policy.hitRetention().toString(),
        human(policy.maxLegalHold()), human(policy.maxRetentionExtension()));

    List<Camera> all = cameras.all();
    // five decimals is about a metre: where a camera stands, without false precision
    List<Report.Location> locations = all.stream().map(c -> new Report.Location(c.id(), c.name(),
        Math.round(c.lat() * 1e5) / 1e5, Math.round(c.lon() * 1e5) / 1e5, c.active())).toList();
    Report.Cameras cameraView = new Report.Cameras(all.stream().filter(Camera::active).count(), all.size(),
        locations);

    List<Report.SharedWith> inForce = agreements.inForce().agreements().stream()
        .map(a -> sharedWith(a, zone)).toList();
    Report.Sharing sharing = new Report.Sharing(doc.sharing().description(), inForce.size(), inForce);

    Figures f = figures(now);
    return new Report(now.toString(), new Report.Agency(agency.id(), agency.name(), agency.state(), zone.getId()),
        policyView,
        new Report.Collection(doc.collection().collected(), doc.collection().notCollected()), uses, access, misuse,
        hotlists,
        retention, cameraView, sharing, f.reads(), f.hits(), f.searches(), f.partnerQueries(), f.holds(),
        f.extensions(), f.purges(),
        audit(baseUrl, auditBefore, type, zone), local(now, zone), selfAudit(zone), f.misuseReport());
  }

  /** When the last self-audit ran and its status, read at the moment of asking (R-GOV-3). */
  private Report.SelfAudit selfAudit(ZoneId zone) {
    return selfAudits.latest()
        .map(r -> new Report.SelfAudit(r.status().name(), r.ranAt().toString(), local(r.ranAt(), zone)))
        .orElse(new Report.SelfAudit("not yet", "not yet", "not yet"));
  }

  /**
   * The figures of the last 30 days, reused while younger than {@link #FIGURES_MAX_AGE} by the clock:
   * they are the costly part of the page (counts over the reads, the alerts and the audit log), so a
   * flood of requests for the public page or its JSON costs one computation a minute (issue 12 item 8).
   * One computation at a time; whoever asks meanwhile waits for it and gets the same. The policy, the
   * cameras and the audit log's checkpoint are read afresh on every request: what is published is what
   * is enforced, at once (R-GOV-1).
   */
  synchronized Figures figures(Instant now) {
    if (figures == null || !figures.freshAt(now)) {
      figures = computeFigures(now);
    }
    return figures;
  }

  /**
   * Drops the figures kept, so that the next request computes them (for tests: their clock moves
   * forwards and back, so "at most a minute old" by it is no promise that none is left from another test).
   */
  synchronized void forgetFigures() {
    figures = null;
  }

  private Figures computeFigures(Instant now) {
    Instant since = now.minus(Duration.ofDays(DAYS));
    Map<String, Long> readsPerDay = perDay(reads.countPerDay(since), now);

    Alerts.Accuracy accuracy = alerts.accuracy(since);
    Report.Hits hits = new Report.Hits(alerts.countRaisedSince(since), accuracy(accuracy.all()),
        accuracy.byMatchKind().stream().map(TransparencyReport::accuracy).toList());

    // Searches are counted from the signed public log itself, so anyone can recount them from the CSV.
    Map<String, Long> searchesPerDay = perDay(auditLog.countPerDay(SearchAuditTypes.SEARCH_PERFORMED, since), now);
    Map<String, Long> refusedPerDay = perDay(auditLog.countPerDay(SearchAuditTypes.SEARCH_DENIED, since), now);
    Map<String, Long> refusedByReason = new TreeMap<>(auditLog.countBy(SearchAuditTypes.SEARCH_DENIED, "reasonCode", since));
    refusedByReason.remove("");
    // partner queries answered or refused on this side (issue 14), and any older search entry by a partner
    long partner = auditLog.countBy(SearchAuditTypes.SEARCH_PERFORMED, "actorKind", since).getOrDefault("PARTNER", 0L)
        + auditLog.countBy(SearchAuditTypes.SEARCH_DENIED, "actorKind", since).getOrDefault("PARTNER", 0L)
        + sum(perDay(auditLog.countPerDay(SharingAuditTypes.PARTNER_QUERY, since), now))
        + sum(perDay(auditLog.countPerDay(SharingAuditTypes.PARTNER_QUERY_REFUSED, since), now));
    Map<DeniedReasons.Kind, Long> byKind = new java.util.EnumMap<>(DeniedReasons.Kind.class);
    Map<String, String> reasons = new TreeMap<>();
    refusedByReason.forEach((code, n) -> {
      byKind.merge(DeniedReasons.kind(code), n, Long::sum);
      reasons.put(code, DeniedReasons.words(code));
    });
    Report.Searches searches = new Report.Searches(sum(searchesPerDay), sum(refusedPerDay), refusedByReason,
        searchesPerDay, refusedPerDay, byKind.getOrDefault(DeniedReasons.Kind.PROHIBITED_PURPOSE, 0L),
        byKind.getOrDefault(DeniedReasons.Kind.MISTAKE, 0L), byKind.getOrDefault(DeniedReasons.Kind.OTHER_RULE, 0L),
        reasons);

    RetentionFigures rf = grants.figures(since);
    Optional<PurgeRecord> lastDeleted = purge.lastThatDeleted();
    ZoneId zone = agency.timeZone();
    // the annual misuse report's totals: counted from the log and the oversight tables, a year at a time
    int year = misuseReports.currentYear();
    AnnualMisuseReport current = misuseReports.report(year);
    AnnualMisuseReport previous = misuseReports.report(year - 1);
    java.util.Set<String> reasonsOfEither = new java.util.TreeSet<>(current.refusedByReason().keySet());
    reasonsOfEither.addAll(previous.refusedByReason().keySet());
    Report.MisuseReport misuse = new Report.MisuseReport(misuseYear(current, reasonsOfEither),
        misuseYear(previous, reasonsOfEither));
    return new Figures(now, new Report.Reads(sum(readsPerDay), readsPerDay), hits, searches,
        new Report.PartnerQueries(partner),
        new Report.Grants(rf.holdsActive(), rf.holdsPending(), rf.readsUnderHold(), rf.holdsApprovedSince()),
        new Report.Grants(rf.extensionsActive(), rf.extensionsPending(), rf.readsUnderExtension(),
            rf.extensionsApprovedSince()),
        new Report.Purges(
            rf.lastPurgeAt() == null ? "no purge has deleted anything yet" : rf.lastPurgeAt().toString(),
            rf.oldestRemainingCapture() == null ? "none recorded yet" : rf.oldestRemainingCapture().toString(),
            lastDeleted.map(p -> p.readsDropped() + p.readsDeleted()).orElse(0L),
            rf.lastPurgeAt() == null ? "no purge has deleted anything yet" : local(rf.lastPurgeAt(), zone),
            rf.oldestRemainingCapture() == null ? "none recorded yet" : local(rf.oldestRemainingCapture(), zone)),
        misuse);
  }

  /** A year's misuse report as the public sees it: its totals, which name nobody; {@code reasons} the refusal codes to list. */
  static Report.MisuseYear misuseYear(AnnualMisuseReport r, java.util.Set<String> reasons) {
    // both years list the same reason codes (zero where none), so the page shows them side by side
    Map<String, Long> refused = new TreeMap<>();
    reasons.forEach(code -> refused.put(code, r.refusedByReason().getOrDefault(code, 0L)));
    return new Report.MisuseYear(r.year(), r.searches(), r.searchesRefused(), refused, r.findings(),
        r.findingsByRule(), r.investigationsOpened(), r.openedByOutcome(), r.investigationsClosed(),
        r.closedByOutcome(), r.pendingAsOf(), r.overdueAsOf());
  }

  private static final java.time.format.DateTimeFormatter LOCAL = java.time.format.DateTimeFormatter
      .ofPattern("yyyy-MM-dd HH:mm:ss zzz", java.util.Locale.US);

  /** A moment as the page shows it: to the second, in the agency's time zone. */
  static String local(Instant t, ZoneId zone) {
    return LOCAL.format(t.atZone(zone));
  }

  /** An agreement in force, as the page shows it (R-SHR-1). */
  private static Report.SharedWith sharedWith(Agreements.AgreementInForce in, ZoneId zone) {
    SharingAgreement a = in.agreement();
    SharingAgreement.Terms t = a.terms();
    EffectivePolicy v = in.approvedIn();
    String reference = a.reference() == null ? "" : a.reference();
    Report.AgreementScope scope = t == null ? new Report.AgreementScope("none", "none", "none", "none", List.of())
        : new Report.AgreementScope(t.scope().allCameras() ? "all" : t.scope().cameras().stream().map(String::valueOf)
            .collect(java.util.stream.Collectors.joining(", ")), t.scope().hitsOnly() ? "hits-only" : "all",
            t.scope().lookbackIso(), human(t.scope().lookback()), t.scope().offenses());
    return new Report.SharedWith(a.name(), a.state(), a.kind().yamlName(), reference, a.id(), a.kind().yamlName(),
        t == null ? "none" : t.url().toString(), t == null ? "none" : t.publicKey(),
        t == null ? "none" : t.direction().yamlName(), scope, t == null ? "none" : t.starts().toString(),
        t == null ? "none" : t.expires().toString(), reference, v.version(), local(v.effectiveAt(), zone),
        v.governingBodyReference() == null ? "none needed" : v.governingBodyReference(),
        v.approvals().stream().map(x -> new Report.AgreementApproval(x.as(), x.title(), x.at().toString(),
            local(x.at(), zone))).toList());
  }

  /** The approvals of a version, each with the capacity its approver acted in, in words. */
  private static List<Report.Approval> approvals(EffectivePolicy p, ZoneId zone) {
    return p.approvals().stream().map(a -> new Report.Approval(a.by(), a.as(), a.at().toString(),
        a.note() == null ? "" : a.note(), title(a.as()), local(a.at(), zone))).toList();
  }

  /** Who approved, as the public may know them: their capacity, not their name or pseudonym. */
  static String title(String as) {
    return PolicyApproval.title(as);
  }

  /** Every version of the policy, newest first, with its changes from the one before (three lines of context). */
  private List<Report.Version> versions(ZoneId zone) {
    List<EffectivePolicy> all = policies.versions();
    List<Report.Version> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      EffectivePolicy v = all.get(i);
      List<String> diff = new ArrayList<>();
      if (i + 1 < all.size()) {
        for (LineDiff.Line l : LineDiff.hunks(LineDiff.of(all.get(i + 1).document(), v.document()), 3)) {
          diff.add(l.op() == '~' ? "…" : l.op() + " " + l.text());
        }
      }
      out.add(new Report.Version(v.version(), v.sha256(), v.effectiveAt().toString(), local(v.effectiveAt(), zone),
          v.governingBodyReference() == null ? "none needed" : v.governingBodyReference(), approvals(v, zone), diff));
    }
    return out;
  }

  /** The 30-day figures as computed at {@code at}. */
  record Figures(Instant at, Report.Reads reads, Report.Hits hits, Report.Searches searches,
      Report.PartnerQueries partnerQueries, Report.Grants holds, Report.Grants extensions, Report.Purges purges,
      Report.MisuseReport misuseReport) {

    /** Whether they may still be shown at {@code now} (a clock set back makes them stale too). */
    boolean freshAt(Instant now) {
      return !now.isBefore(at) && now.isBefore(at.plus(FIGURES_MAX_AGE));
    }
  }

  private static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  public static final int AUDIT_PAGE = 20;

  private Report.Audit audit(String baseUrl, Long before, AuditEventType type, ZoneId zone) {
    var checkpoint = auditLog.latestCheckpoint();
    long size = checkpoint.map(AuditLog.SignedCheckpoint::size).orElse(0L);
    List<Report.AuditRow> entries = new ArrayList<>();
    if (size > 0) {
      long top = before == null ? size - 1 : Math.min(before, size - 1);
      List<AuditLog.PublicEntry> page = type == null ? auditLog.entries(Math.max(0, top), AUDIT_PAGE, true)
          : auditLog.entriesOfType(type, Math.max(0, top), AUDIT_PAGE);
      for (AuditLog.PublicEntry e : page) {
        PublicRow row = publicRow(e, size);
        entries.add(new Report.AuditRow(row.index(), na(row.time()), na(row.agency()), na(row.roles()),
            na(row.type()), na(row.outcome()), na(row.offense()), na(row.reasonCategory()), na(row.reasonCode()),
            na(row.caseNumberPresent()), na(row.resultCount()), na(row.camerasCovered()), na(row.onBehalfOf()),
            row.inclusionProof(), row.time().isEmpty() ? "n/a" : local(Instant.parse(row.time()), zone),
            row.type().isEmpty() ? "n/a" : words(row.type())));
      }
    }
    return new Report.Audit(size, auditLog.origin(), auditLog.verifierKey(),
        checkpoint.map(AuditLog.SignedCheckpoint::note).orElse("no checkpoint signed yet"),
        checkpoint.map(c -> c.signedAt().toString()).orElse("not yet"),
        checkpoint.map(c -> java.util.Base64.getEncoder().encodeToString(c.rootHash())).orElse("none yet"),
        "./glassplate audit verify " + baseUrl,
        new Report.Browse(size - 1, entries.isEmpty() ? -1 : entries.get(0).index(), entries,
            type == null ? "" : type.name(), AuditEventTypes.all().stream().map(AuditEventType::name).sorted().toList()),
        checkpoint.map(c -> local(c.signedAt(), zone)).orElse("not yet"),
        witnessing(baseUrl, size),
        auditLog.origins().stream().map(o -> new Report.OriginRow(o.origin(), o.verifierKey(), o.firstSize(),
            o.current() ? -1 : o.finalSize(), o.current() ? "current" : o.endedAt().toString(),
            o.current() ? "" : o.finalCheckpoint(), o.current() ? "" : o.nextOrigin(), o.current())).toList());
  }

  /** This log's witnesses and the forks this node saw as a witness (issue 15). */
  private Report.Witnessing witnessing(String baseUrl, long size) {
    List<Report.WitnessRow> witnesses = auditLog.witnesses().stream()
        .map(w -> new Report.WitnessRow(w.vkey(), w.url(), w.lastCosignedSize().orElse(-1L),
            w.lastCosignedAt().map(Instant::toString).orElse("never")))
        .toList();
    StringBuilder verify = new StringBuilder("./glassplate audit verify " + baseUrl);
    for (Report.WitnessRow w : witnesses) {
      verify.append(" --witness ").append(w.vkey());
    }
    if (!witnesses.isEmpty()) {
      verify.append(" --quorum ").append(witnesses.size() / 2 + 1);
    }
    List<Report.ForkRow> forks = new ArrayList<>();
    if (size > 0) {
      for (AuditEventType t : List.of(org.glassplate.server.audit.AuditTypes.WITNESSED_LOG_FORKED,
          org.glassplate.server.audit.AuditTypes.WITNESSED_LOG_BAD_PROOF)) {
        for (AuditLog.PublicEntry e : auditLog.entriesOfType(t, size - 1, AUDIT_PAGE)) {
          tools.jackson.databind.JsonNode j = JSON.readTree(e.entry());
          forks.add(new Report.ForkRow(e.index(), column(j, "time"), column(j, "origin"),
              column(j, "reasonCode"), column(j, "cosignedCheckpoint"), column(j, "presentedCheckpoint")));
        }
      }
      forks.sort(java.util.Comparator.comparingLong(Report.ForkRow::index).reversed());
    }
    return new Report.Witnessing(witnesses, verify.toString(), witness.key().vkey(), forks);
  }

  /** An event type in words: {@code SEARCH_DENIED} is "search denied". */
  static String words(String type) {
    return type.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  /** The page says "n/a" rather than leave a blank. */
  private static String na(String column) {
    return column.isEmpty() ? "n/a" : column;
  }

  /** The public columns of an entry (issue 7: the CSV and the audit browser), and its inclusion proof. */
  public static PublicRow publicRow(AuditLog.PublicEntry e, long size) {
    tools.jackson.databind.JsonNode j = JSON.readTree(e.entry());
    return new PublicRow(e.index(), column(j, "time"), column(j, "agency"), column(j, "roles"), column(j, "type"),
        column(j, "outcome"), column(j, "offense"), column(j, "reasonCategory"), column(j, "reasonCode"),
        column(j, "caseNumberPresent"), column(j, "resultCount"), column(j, "camerasCovered"),
        column(j, "onBehalfOf"), "/api/v1/audit/proof/inclusion?index=" + e.index() + "&size=" + size);
  }

  /** A public field as text: empty when absent, an array's items joined with {@code ;}. */
  private static String column(tools.jackson.databind.JsonNode entry, String field) {
    tools.jackson.databind.JsonNode v = entry.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (v.isArray()) {
      List<String> parts = new ArrayList<>();
      v.forEach(x -> parts.add(x.asString()));
      return String.join(";", parts);
    }
    return v.asString();
  }

  /** The public fields of an entry, as DESIGN.md names them; private ones are only in the commitment. */
  public static final List<String> PUBLIC_COLUMNS = List.of("time", "agency", "roles", "type", "outcome", "offense",
      "reasonCategory", "reasonCode", "caseNumberPresent", "resultCount", "camerasCovered", "onBehalfOf");

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  static Report.Accuracy accuracy(HitAccuracy h) {
    Double ratio = h.accuracy();
    // how many were verified comes first: a ratio of 2 verified hits says little
    return new Report.Accuracy(h.group(), h.alerts(), h.verified(), h.confirmed(), h.misread(), h.staleEntry(),
        h.other(), ratio, ratio == null ? "none verified yet, so no accuracy to report"
            : String.format(java.util.Locale.ROOT, "%d verified by a person, of which %d confirmed (%.1f%%)",
                h.verified(), h.confirmed(), 100 * ratio));
  }

  /** Every one of the last 30 UTC days, zero where nothing happened. */
  static Map<String, Long> perDay(Map<LocalDate, Long> counts, Instant now) {
    Map<String, Long> out = new LinkedHashMap<>();
    LocalDate today = now.atZone(ZoneOffset.UTC).toLocalDate();
    for (LocalDate d = today.minusDays(DAYS - 1L); !d.isAfter(today); d = d.plusDays(1)) {
      out.put(d.toString(), counts.getOrDefault(d, 0L));
    }
    return out;
  }

  /** "30 days", "3 minutes", "1 year": how a resident would say it. */
  /** The misuse rules and their thresholds in words, as the policy's oversight section sets them. */
  static Report.Misuse misuse(PolicyContent.Oversight o, Duration retention) {
    java.time.format.DateTimeFormatter hhmm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
    return new Report.Misuse(List.of(
        new Report.MisuseRule("MISSING_CASE_NUMBER", "a search with a placeholder for its case number ("
            + String.join(", ", o.placeholderCaseNumbers()) + ")"),
        new Report.MisuseRule("VAGUE_REASON", "a search whose reason says nothing specific ("
            + String.join(", ", o.vagueReasons()) + ", or only the policy's vague words)"),
        new Report.MisuseRule("NON_PURPOSE_REASON", "a screen or filter label typed as the reason ("
            + String.join(", ", o.nonPurposeReasons()) + ")"),
        new Report.MisuseRule("PROHIBITED_PURPOSE", "any attempt refused for a prohibited purpose, and any search "
            + "whose purpose the screen in force calls prohibited"),
        new Report.MisuseRule("FEDERAL_OR_OUT_OF_STATE", "a search for or by a federal agency or one of another state"),
        new Report.MisuseRule("REPEATED_PLATE", "one plate searched by one person on " + o.repeatedPlateDays()
            + " different days within " + human(o.repeatedPlateWithin())),
        new Report.MisuseRule("REFUSED_THEN_RETRIED", "a search refused for its purpose asked again within "
            + human(o.retriedWithin()) + " with other words"),
        new Report.MisuseRule("OFF_HOURS", "a search outside " + hhmm.format(o.workingHoursFrom()) + " to "
            + hhmm.format(o.workingHoursTo()) + " local time"),
        new Report.MisuseRule("HIGH_VOLUME", "at least " + o.highVolumeAtLeast() + " searches within "
            + human(o.highVolumeWindow()) + ", more than " + o.highVolumeTimesPeerMedian()
            + " times the median of the others who searched then"),
        new Report.MisuseRule("BROAD_SEARCH", "every plate in an area, a pattern with " + o.broadSearchWildcards()
            + " or more wildcards, or a window reaching back " + o.broadSearchLookbackPercent() + "% of "
            + human(retention)),
        new Report.MisuseRule("DORMANT_ACCOUNT_USE", "a search after " + human(o.dormantAfter())
            + " with no other recorded action by the person"),
        new Report.MisuseRule("SAME_PERSON", "an attempt, refused, to approve what one asked for oneself"),
        new Report.MisuseRule("WITNESSED_LOG_FORK", "a log this node witnesses signed a tree inconsistent with one "
            + "we cosigned"),
        new Report.MisuseRule("SELF_AUDIT_DRIFT", "the daily self-audit found the configuration, the audit log, "
            + "its triggers or its key changed outside the approved way")));
  }

  public static String human(Duration d) {
    long s = d.getSeconds();
    if (s % 86400 == 0) {
      long days = s / 86400;
      if (days == 365) {
        return "1 year";
      }
      return days + (days == 1 ? " day" : " days");
    }
    if (s % 3600 == 0) {
      long h = s / 3600;
      return h + (h == 1 ? " hour" : " hours");
    }
    if (s % 60 == 0) {
      long m = s / 60;
      return m + (m == 1 ? " minute" : " minutes");
    }
    return s + " seconds";
  }

}

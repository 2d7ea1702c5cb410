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
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.retention.RetentionFigures;
import org.glassplate.server.retention.RetentionGrants;
import org.glassplate.server.search.SearchAuditTypes;
import org.glassplate.server.hotlist.HitAccuracy;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.Reads;
import org.glassplate.server.web.Agency;
import org.springframework.stereotype.Service;

/**
 * Everything the public transparency page shows, computed from the live system and the enforced
 * policy at the moment of asking (R-PUB-1). The page, its JSON twin and the browser test all read
 * this one model, so the page cannot say something the system does not.
 */
@Service
public class TransparencyReport {
  public static final int DAYS = 30;

  private final Agency agency;
  private final Policies policies;
  private final Cameras cameras;
  private final Reads reads;
  private final Alerts alerts;
  private final AuditLog auditLog;
  private final RetentionGrants grants;
  private final Clock clock;

  TransparencyReport(Agency agency, Policies policies, Cameras cameras, Reads reads, Alerts alerts, AuditLog auditLog,
      RetentionGrants grants, Clock clock) {
    this.auditLog = auditLog;
    this.grants = grants;
    this.agency = agency;
    this.policies = policies;
    this.cameras = cameras;
    this.reads = reads;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** The report as nested maps and lists of strings and numbers: the JSON twin, as is. */
  public Map<String, Object> build() {
    return build("http://localhost:8080", null);
  }

  /**
   * @param baseUrl where the public reaches this server, for the verification instructions
   * @param auditBefore the audit browser's page: entries at or below this index (null: the newest)
   */
  public Map<String, Object> build(String baseUrl, Long auditBefore) {
    Instant now = clock.instant();
    Instant since = now.minus(Duration.ofDays(DAYS));
    EffectivePolicy policy = policies.current();
    PolicyContent doc = policy.content();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("generatedAt", now.toString());
    out.put("agency", map("id", agency.id(), "name", agency.name(), "state", agency.state()));

    out.put("policy", map(
        "version", policy.version(),
        "sha256", policy.sha256(),
        "effectiveAt", policy.effectiveAt().toString(),
        "title", doc.title(),
        "authority", doc.authority(),
        "governingBodyReference", policy.governingBodyReference() == null ? "none needed" : policy.governingBodyReference(),
        "approvals", policy.approvals().stream().map(a -> map("by", a.by(), "as", a.as(), "at", a.at().toString(),
            "note", a.note() == null ? "" : a.note())).toList(),
        "custodian", map("title", doc.custodian().title(), "designee", doc.custodian().designee(),
            "contact", doc.custodian().contact()),
        "document", "/api/v1/policy"));

    out.put("collection", map("collected", doc.collection().collected(), "notCollected", doc.collection().notCollected()));
    out.put("uses", map(
        "authorized", doc.purposes().authorized(),
        "prohibited", doc.purposes().prohibited().stream()
            .map(p -> map("category", p.category(), "description", p.description())).toList()));
    out.put("access", map(
        "roles", new TreeMap<>(doc.access().roles()),
        "identification", doc.access().identification(),
        "contractors", doc.access().contractors(),
        "trainingCourse", doc.access().trainingCourse(),
        "trainingValidity", human(doc.access().trainingValidity()),
        "inactivityDays", doc.access().inactivityDays(),
        "monitoring", doc.monitoring().description()));
    out.put("hotlists", map(
        "sources", doc.hotlists().sources().stream().sorted().toList(),
        "description", doc.hotlists().description() == null ? "" : doc.hotlists().description(),
        "accuracy", doc.accuracy()));
    out.put("retention", map(
        "nonHit", human(policy.nonHitRetention()), "nonHitIso", policy.nonHitRetention().toString(),
        "hit", human(policy.hitRetention()), "hitIso", policy.hitRetention().toString(),
        "maxLegalHold", human(policy.maxLegalHold()), "maxExtension", human(policy.maxRetentionExtension())));

    List<Camera> all = cameras.all();
    List<Map<String, Object>> locations = new ArrayList<>();
    for (Camera c : all) {
      // five decimals is about a metre: where a camera stands, without false precision
      locations.add(map("id", c.id(), "name", c.name(), "lat", Math.round(c.lat() * 1e5) / 1e5,
          "lon", Math.round(c.lon() * 1e5) / 1e5, "active", c.active()));
    }
    out.put("cameras", map("active", all.stream().filter(Camera::active).count(), "total", all.size(),
        "locations", locations));

    out.put("sharing", map(
        "description", doc.sharing().description(),
        "count", doc.sharing().recipients().size(),
        "agencies", doc.sharing().recipients().stream()
            .map(r -> map("name", r.name(), "state", r.state(), "type", r.type().yamlName(),
                "agreement", r.agreement() == null ? "" : r.agreement())).toList()));

    Map<String, Long> readsPerDay = perDay(reads.countPerDay(since), now);
    long reads30 = readsPerDay.values().stream().mapToLong(Long::longValue).sum();
    out.put("reads", map("last30Days", reads30, "perDay", readsPerDay));

    Alerts.Accuracy accuracy = alerts.accuracy(since);
    List<Map<String, Object>> byKind = new ArrayList<>();
    for (HitAccuracy h : accuracy.byMatchKind()) {
      byKind.add(accuracy(h));
    }
    out.put("hits", map("last30Days", alerts.countRaisedSince(since), "accuracy", accuracy(accuracy.all()),
        "accuracyByMatchKind", byKind));

    // Searches are counted from the signed public log itself, so anyone can recount them from the CSV.
    Map<String, Long> searchesPerDay = perDay(auditLog.countPerDay(SearchAuditTypes.SEARCH_PERFORMED, since), now);
    Map<String, Long> refusedPerDay = perDay(auditLog.countPerDay(SearchAuditTypes.SEARCH_DENIED, since), now);
    Map<String, Long> refusedByReason = new TreeMap<>(auditLog.countBy(SearchAuditTypes.SEARCH_DENIED, "reasonCode", since));
    refusedByReason.remove("");
    long partner = auditLog.countBy(SearchAuditTypes.SEARCH_PERFORMED, "actorKind", since).getOrDefault("PARTNER", 0L)
        + auditLog.countBy(SearchAuditTypes.SEARCH_DENIED, "actorKind", since).getOrDefault("PARTNER", 0L);
    out.put("searches", map(
        "last30Days", sum(searchesPerDay),
        "refusedLast30Days", sum(refusedPerDay),
        "refusedByReason", refusedByReason,
        "perDay", searchesPerDay,
        "refusedPerDay", refusedPerDay));
    out.put("partnerQueries", map("last30Days", partner));

    RetentionFigures rf = grants.figures(since);
    out.put("holds", map(
        "active", rf.holdsActive(), "pending", rf.holdsPending(), "readsKept", rf.readsUnderHold(),
        "approvedLast30Days", rf.holdsApprovedSince()));
    out.put("extensions", map(
        "active", rf.extensionsActive(), "pending", rf.extensionsPending(), "readsKept", rf.readsUnderExtension(),
        "approvedLast30Days", rf.extensionsApprovedSince()));
    out.put("purges", map(
        "lastAt", rf.lastPurgeAt() == null ? "no purge has deleted anything yet" : rf.lastPurgeAt().toString(),
        "oldestReadStored", rf.oldestRemainingCapture() == null ? "none recorded yet" : rf.oldestRemainingCapture().toString()));

    out.put("audit", audit(baseUrl, auditBefore));
    return out;
  }

  private static long sum(Map<String, Long> m) {
    return m.values().stream().mapToLong(Long::longValue).sum();
  }

  public static final int AUDIT_PAGE = 20;

  private Map<String, Object> audit(String baseUrl, Long before) {
    Map<String, Object> a = new LinkedHashMap<>();
    var checkpoint = auditLog.latestCheckpoint();
    long size = checkpoint.map(AuditLog.SignedCheckpoint::size).orElse(0L);
    a.put("size", size);
    a.put("origin", auditLog.origin());
    a.put("publicKey", auditLog.verifierKey());
    a.put("checkpoint", checkpoint.map(AuditLog.SignedCheckpoint::note).orElse("no checkpoint signed yet"));
    a.put("signedAt", checkpoint.map(c -> c.signedAt().toString()).orElse("not yet"));
    a.put("rootHash", checkpoint.map(c -> java.util.Base64.getEncoder().encodeToString(c.rootHash())).orElse("none yet"));
    a.put("verifyCommand", "./glassplate audit verify " + baseUrl);
    List<Map<String, Object>> entries = new ArrayList<>();
    if (size > 0) {
      long top = before == null ? size - 1 : Math.min(before, size - 1);
      for (AuditLog.PublicEntry e : auditLog.entries(Math.max(0, top), AUDIT_PAGE, true)) {
        Map<String, Object> row = publicRow(e, size);
        row.replaceAll((k, v) -> "".equals(v) ? "n/a" : v); // the page says so rather than leave a blank
        entries.add(row);
      }
    }
    a.put("browse", map("newest", size - 1, "first", entries.isEmpty() ? -1 : entries.get(0).get("index"),
        "entries", entries));
    return a;
  }

  /** The public columns of an entry (issue 7: the CSV and the audit browser), and its inclusion proof. */
  public static Map<String, Object> publicRow(AuditLog.PublicEntry e, long size) {
    tools.jackson.databind.JsonNode j = JSON.readTree(e.entry());
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("index", e.index());
    for (String f : PUBLIC_COLUMNS) {
      tools.jackson.databind.JsonNode v = j.path(f);
      String text;
      if (v.isMissingNode() || v.isNull()) {
        text = "";
      } else if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asString()));
        text = String.join(";", parts);
      } else {
        text = v.asString();
      }
      row.put(f, text);
    }
    row.put("inclusionProof", "/api/v1/audit/proof/inclusion?index=" + e.index() + "&size=" + size);
    return row;
  }

  /** The public fields of an entry, as DESIGN.md names them; private ones are only in the commitment. */
  public static final List<String> PUBLIC_COLUMNS = List.of("time", "agency", "roles", "type", "outcome", "offense",
      "reasonCategory", "reasonCode", "caseNumberPresent", "resultCount", "camerasCovered", "onBehalfOf");

  private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

  private static Map<String, Object> accuracy(HitAccuracy h) {
    Double ratio = h.accuracy();
    return map("group", h.group(), "alerts", h.alerts(), "verified", h.verified(), "confirmed", h.confirmed(),
        "misread", h.misread(), "staleEntry", h.staleEntry(), "other", h.other(),
        "ratio", ratio,
        "text", ratio == null ? "not measured yet: no hit verified"
            : String.format(java.util.Locale.ROOT, "%.1f%% of %d verified hits confirmed", 100 * ratio, h.verified()));
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

  static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }
}

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
import org.glassplate.server.hotlist.Alerts;
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
  private final Clock clock;

  TransparencyReport(Agency agency, Policies policies, Cameras cameras, Reads reads, Alerts alerts, Clock clock) {
    this.agency = agency;
    this.policies = policies;
    this.cameras = cameras;
    this.reads = reads;
    this.alerts = alerts;
    this.clock = clock;
  }

  /** The report as nested maps and lists of strings and numbers: the JSON twin, as is. */
  public Map<String, Object> build() {
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
      locations.add(map("id", c.id(), "name", c.name(), "lat", c.lat(), "lon", c.lon(), "active", c.active()));
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
    return out;
  }

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

package org.glassplate.server.oversight;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.AccountsAuditTypes;
import org.glassplate.server.audit.LogIntegrity;
import org.glassplate.server.hotlist.HotlistAuditTypes;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.PolicyAuditTypes;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PolicyRecords;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.ReadsAuditTypes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * The effective configuration, found and approved (R-GOV-3), each as a canonical list of items
 * ({@code key → value}, sorted) with a SHA-256:
 *
 * <ul>
 *   <li>the policy: the stored newest version, the hash of its document, the hash of the version
 *       this server enforces; approved is what the audit log's last {@code POLICY_ACTIVATED} entry
 *       says (two administrators approved it, or it is the initial default);
 *   <li>its sharing agreements, retention settings and hot-list sources, from the stored document and
 *       from the approved one (the document on file whose hash is the approved hash: the proposal's,
 *       the one this server loaded, or the shipped default);
 *   <li>every account's roles, and whether it is enabled, against the {@code ACCOUNT_CREATED},
 *       {@code ROLES_CHANGED}, {@code ACCOUNT_DISABLED} and {@code ACCOUNT_ENABLED} entries (a privileged
 *       grant takes two administrators and is recorded by the approval); an account disabled without
 *       an entry is not a drift: it grants nothing;
 *   <li>every hot list's source against {@code HOTLIST_CREATED}; every camera and whether it is active
 *       against {@code CAMERA_REGISTERED} and {@code CAMERA_ACTIVATION_CHANGED}.
 * </ul>
 *
 * The audit log is the record because it is what the tree check proves unchanged.
 */
@Component
class SelfAuditConfiguration {
  static final String NOT_ON_RECORD = "(not on the record)";
  static final String NOT_FOUND = "(not found)";

  private final LogIntegrity log;
  private final PolicyRecords records;
  private final Policies policies;
  private final Accounts accounts;
  private final Hotlists hotlists;
  private final Cameras cameras;

  SelfAuditConfiguration(LogIntegrity log, PolicyRecords records, Policies policies, Accounts accounts,
      Hotlists hotlists, Cameras cameras) {
    this.log = log;
    this.records = records;
    this.policies = policies;
    this.accounts = accounts;
    this.hotlists = hotlists;
    this.cameras = cameras;
  }

  /** A configuration as sorted items; its hash is over {@code key=value} lines. */
  record Snapshot(SortedMap<String, String> items) {
    Snapshot {
      items = new TreeMap<>(items);
    }

    String sha256() {
      StringBuilder sb = new StringBuilder();
      items.forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
            .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    SortedMap<String, String> section(String prefix) {
      SortedMap<String, String> out = new TreeMap<>();
      items.forEach((k, v) -> {
        if (k.startsWith(prefix)) {
          out.put(k, v);
        }
      });
      return out;
    }
  }

  /**
   * Both sides, and what could not be established (said in the checks' details); the approved and the
   * stored policy document when known (null otherwise), for a line diff.
   */
  record Compared(Snapshot approved, Snapshot found, List<String> notes, String approvedDocument,
      String storedDocument) {
  }

  Compared compare() {
    Recorded record = replay();
    SortedMap<String, String> approved = new TreeMap<>();
    SortedMap<String, String> found = new TreeMap<>();
    List<String> notes = new ArrayList<>();

    // the policy
    Optional<PolicyRecords.Stored> stored = records.latest();
    String enforced = policies.current().sha256();
    if (record.policyVersion > 0) {
      approved.put("policy.version", String.valueOf(record.policyVersion));
      approved.put("policy.sha256", record.policySha256);
      approved.put("policy.storedSha256", record.policySha256);
      approved.put("policy.enforcedSha256", record.policySha256);
    }
    found.put("policy.enforcedSha256", enforced);
    stored.ifPresent(s -> {
      found.put("policy.version", String.valueOf(s.version()));
      found.put("policy.sha256", s.documentSha256());
      found.put("policy.storedSha256", s.sha256());
    });
    String approvedDocument = approvedDocument(record, stored.orElse(null));
    if (approvedDocument == null && record.policyVersion > 0) {
      notes.add("the approved policy document (sha256 " + record.policySha256 + ") is not on file: its settings "
          + "cannot be listed");
    }
    if (approvedDocument != null) {
      settings(approvedDocument, approved);
    }
    if (stored.isPresent()) {
      if (!settings(stored.get().document(), found)) {
        found.put("policy.readable", "false");
        approved.put("policy.readable", "true");
      }
    }

    // accounts and their roles
    record.accounts.forEach((id, a) -> approved.put("account." + Account.pseudonym(id), a.value()));
    for (Account a : accounts.all()) {
      RecordedAccount r = record.accounts.get(a.id());
      // disabled without an entry: less access than approved, not a drift (the inactivity job, an outage)
      boolean enabled = a.enabled() || (r != null && !r.enabled);
      found.put("account." + a.pseudonym(), new RecordedAccount(new TreeSet<>(a.roles()), enabled).value());
    }

    // hot lists and cameras
    record.hotlists.forEach((id, source) -> approved.put("hotlist." + id, "source=" + source));
    hotlists.all().forEach(h -> found.put("hotlist." + h.id(), "source=" + h.source().code()));
    record.cameras.forEach((id, active) -> approved.put("camera." + id, "active=" + active));
    cameras.all().forEach(c -> found.put("camera." + c.id(), "active=" + c.active()));

    return new Compared(new Snapshot(approved), new Snapshot(found), notes, approvedDocument,
        stored.map(PolicyRecords.Stored::document).orElse(null));
  }

  /** Puts the settings a document decides (agreements, retention, hot-list sources); false if unreadable. */
  private static boolean settings(String document, Map<String, String> into) {
    Optional<PolicyContent> content = PolicyRecords.read(document);
    if (content.isEmpty()) {
      return false;
    }
    PolicyContent c = content.get();
    for (SharingAgreement a : c.sharing().agreements()) {
      into.put("agreement." + a.id(), agreement(a));
    }
    into.put("retention.nonHit", String.valueOf(c.retention().nonHit()));
    into.put("retention.hit", String.valueOf(c.retention().hit()));
    into.put("retention.maxLegalHold", String.valueOf(c.retention().maxLegalHold()));
    into.put("retention.maxExtension", String.valueOf(c.retention().maxExtension()));
    into.put("hotlistSources.policy", String.join(",", new TreeSet<>(c.hotlists().sources())));
    return true;
  }

  /** An agreement's every term in one line. */
  private static String agreement(SharingAgreement a) {
    StringBuilder sb = new StringBuilder()
        .append("name=").append(a.name()).append("; state=").append(a.state())
        .append("; kind=").append(a.kind().yamlName()).append("; reference=").append(a.reference());
    SharingAgreement.Terms t = a.terms();
    if (t != null) {
      SharingAgreement.Scope s = t.scope();
      sb.append("; url=").append(t.url()).append("; publicKey=").append(t.publicKey())
          .append("; direction=").append(t.direction().yamlName())
          .append("; cameras=").append(s.allCameras() ? "all" : s.cameras())
          .append("; reads=").append(s.hitsOnly() ? "hits-only" : "all")
          .append("; lookback=").append(s.lookbackIso())
          .append("; offenses=").append(s.offenses())
          .append("; starts=").append(t.starts()).append("; expires=").append(t.expires());
    }
    return sb.toString();
  }

  /** The approved document's text: the one on file whose hash is the approved hash. */
  private String approvedDocument(Recorded record, PolicyRecords.Stored stored) {
    if (record.policyVersion <= 0) {
      return null;
    }
    List<String> candidates = new ArrayList<>();
    if (record.policyProposalId != null) {
      records.proposalDocument(record.policyProposalId).ifPresent(candidates::add);
    }
    candidates.add(policies.current().document());
    if (stored != null) {
      candidates.add(stored.document());
    }
    if (record.policyVersion == 1) {
      candidates.add(policies.defaultDocument());
    }
    return candidates.stream().filter(d -> PolicyRecords.sha256(d).equals(record.policySha256)).findFirst()
        .orElse(null);
  }

  /** An account as the record leaves it. */
  record RecordedAccount(TreeSet<String> roles, boolean enabled) {
    String value() {
      return "roles=" + roles + (enabled ? "" : "; disabled");
    }
  }

  /** What the audit log says was done, replayed in order. */
  private static final class Recorded {
    int policyVersion;
    String policySha256;
    Long policyProposalId;
    final Map<Long, RecordedAccount> accounts = new TreeMap<>();
    final Map<Long, String> hotlists = new TreeMap<>();
    final Map<Long, Boolean> cameras = new TreeMap<>();
  }

  private Recorded replay() {
    Recorded r = new Recorded();
    log.forEachRecorded(List.of(PolicyAuditTypes.POLICY_ACTIVATED, AccountsAuditTypes.ACCOUNT_CREATED,
        AccountsAuditTypes.ROLES_CHANGED, AccountsAuditTypes.ACCOUNT_DISABLED, AccountsAuditTypes.ACCOUNT_ENABLED,
        HotlistAuditTypes.HOTLIST_CREATED, ReadsAuditTypes.CAMERA_REGISTERED,
        ReadsAuditTypes.CAMERA_ACTIVATION_CHANGED), e -> {
          JsonNode j = e.json();
          if (!j.path("outcome").asString().equals("SUCCESS")) {
            return;
          }
          switch (e.type()) {
            case "POLICY_ACTIVATED" -> {
              int v = j.path("version").asInt();
              if (v >= r.policyVersion) {
                r.policyVersion = v;
                r.policySha256 = j.path("afterSha256").asString();
                r.policyProposalId = j.hasNonNull("proposalId") ? j.get("proposalId").asLong() : null;
              }
            }
            case "ACCOUNT_CREATED" -> r.accounts.put(j.path("accountId").asLong(),
                new RecordedAccount(roles(j.path("accountRoles")), true));
            case "ROLES_CHANGED" -> r.accounts.compute(j.path("accountId").asLong(), (id, a) ->
                new RecordedAccount(roles(j.path("accountRoles")), a == null || a.enabled()));
            case "ACCOUNT_DISABLED", "ACCOUNT_ENABLED" -> r.accounts.computeIfPresent(j.path("accountId").asLong(),
                (id, a) -> new RecordedAccount(a.roles(), e.type().equals("ACCOUNT_ENABLED")));
            case "HOTLIST_CREATED" -> r.hotlists.put(j.path("hotlistId").asLong(), j.path("source").asString());
            case "CAMERA_REGISTERED" -> r.cameras.put(j.path("cameraId").asLong(), true);
            case "CAMERA_ACTIVATION_CHANGED" -> r.cameras.put(j.path("cameraId").asLong(), j.path("active").asBoolean());
            default -> { }
          }
        });
    return r;
  }

  private static TreeSet<String> roles(JsonNode list) {
    TreeSet<String> out = new TreeSet<>();
    list.forEach(n -> out.add(n.asString()));
    return out;
  }
}

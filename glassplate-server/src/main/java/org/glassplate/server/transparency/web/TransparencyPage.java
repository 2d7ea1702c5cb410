package org.glassplate.server.transparency.web;

import static org.glassplate.server.web.Html.esc;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassplate.server.web.Svg;

/**
 * Renders the public page from the report model. Every figure is wrapped in
 * {@code data-figure="json.path"} naming where the JSON twin has the same value, so anyone (and the
 * browser test) can check the page against {@code /transparency.json}.
 */
final class TransparencyPage {
  private final Map<String, Object> r;
  private final StringBuilder sb = new StringBuilder(64 * 1024);

  private TransparencyPage(Map<String, Object> report) {
    this.r = report;
  }

  static String render(Map<String, Object> report, String sections) {
    return new TransparencyPage(report).html(sections);
  }

  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> model, String path) {
    Object cur = model;
    for (String p : path.split("\\.")) {
      if (cur instanceof Map) {
        cur = ((Map<String, Object>) cur).get(p);
      } else if (cur instanceof List<?> l && p.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(p);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }

  private Object v(String path) {
    return at(r, path);
  }

  /** A figure: its text, tagged with its JSON path. Numbers get thousands separators. */
  String fig(String path) {
    Object value = v(path);
    String text = value instanceof Number n && !(value instanceof Double)
        ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(value);
    return "<span class=\"fig\" data-figure=\"" + esc(path) + "\">" + esc(text) + "</span>";
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(String path) {
    Object o = v(path);
    return o instanceof List ? (List<Object>) o : List.of();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> obj(String path) {
    Object o = v(path);
    return o instanceof Map ? (Map<String, Object>) o : Map.of();
  }

  private String html(String extraSections) {
    sb.append("""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>""").append(esc(v("agency.name"))).append(" · License plate readers · Transparency</title>\n");
    sb.append("<link rel=\"alternate\" type=\"application/json\" href=\"/transparency.json\">\n");
    sb.append("<style>").append(CSS).append("</style></head><body>\n");
    sb.append("<header><h1>").append(fig("agency.name")).append(": license plate readers</h1>");
    sb.append("<p class=\"lead\">How this agency uses automatic license plate readers (ALPR), under which rules, and ")
        .append("proof that its audit log is intact. Every figure is computed from the live system and the policy the ")
        .append("software enforces, at ").append(fig("generatedAt")).append(" (UTC). ")
        .append("The same data: <a href=\"/transparency.json\">JSON</a> · <a href=\"/transparency/audit.csv\">audit log as CSV</a> · ")
        .append("<a href=\"/api/v1/policy\">policy document</a>.</p>");
    sb.append("<nav><a href=\"#summary\">Summary</a><a href=\"#collection\">What is collected</a><a href=\"#uses\">Uses</a>")
        .append("<a href=\"#access\">Access</a><a href=\"#hotlists\">Hot lists</a><a href=\"#retention\">Retention</a>")
        .append("<a href=\"#cameras\">Cameras</a><a href=\"#sharing\">Sharing</a><a href=\"#activity\">Activity</a>")
        .append("<a href=\"#policy\">Policy</a><a href=\"#audit\">Audit log</a></nav></header><main>\n");

    summary();
    collection();
    uses();
    access();
    hotlists();
    retention();
    cameras();
    sharing();
    sb.append(extraSections);
    policy();
    audit();
    sb.append("</main><footer><p>Glassplate · the page works without JavaScript; charts are drawn on the server.</p>")
        .append("</footer></body></html>");
    return sb.toString();
  }

  private void summary() {
    sb.append("<section id=\"summary\"><h2>In the last 30 days</h2><div class=\"tiles\">");
    tile("cameras.active", "cameras in service");
    tile("reads.last30Days", "plate reads stored");
    for (String[] t : SUMMARY_EXTRA) {
      if (v(t[0]) != null) {
        tile(t[0], t[1]);
      }
    }
    sb.append("<div class=\"tile\"><div class=\"n\">").append(fig("retention.nonHit"))
        .append("</div><div>until a read with no hit is deleted</div></div>");
    sb.append("<div class=\"tile\"><div class=\"n\">v").append(fig("policy.version"))
        .append("</div><div>policy version in force</div></div>");
    sb.append("</div></section>\n");
  }

  /** Figures added by features that publish them; shown when present. */
  static final String[][] SUMMARY_EXTRA = {
      {"hits.last30Days", "hot-list hits"},
      {"searches.last30Days", "searches run"},
      {"searches.refusedLast30Days", "searches refused"},
      {"partnerQueries.last30Days", "queries by partner agencies"},
      {"holds.active", "legal holds in force"},
  };

  private void tile(String path, String label) {
    sb.append("<div class=\"tile\"><div class=\"n\">").append(fig(path)).append("</div><div>")
        .append(esc(label)).append("</div></div>");
  }

  private void collection() {
    sb.append("<section id=\"collection\"><h2>What is detected, and what is not</h2><div class=\"two\">");
    sb.append("<div><h3>Detected and stored</h3>").append(ul("collection.collected")).append("</div>");
    sb.append("<div><h3>Never detected or stored</h3>").append(ul("collection.notCollected")).append("</div>");
    sb.append("</div></section>\n");
  }

  private void uses() {
    sb.append("<section id=\"uses\"><h2>Acceptable and prohibited uses</h2><div class=\"two\">");
    sb.append("<div><h3>Authorized purposes</h3>").append(ul("uses.authorized")).append("</div>");
    sb.append("<div><h3>Prohibited: a search naming one of these is refused</h3><ul>");
    List<Object> p = list("uses.prohibited");
    for (int i = 0; i < p.size(); i++) {
      sb.append("<li><strong>").append(fig("uses.prohibited." + i + ".category")).append("</strong>: ")
          .append(fig("uses.prohibited." + i + ".description")).append("</li>");
    }
    sb.append("</ul></div></div>");
    sb.append("<p>A search needs a case or incident number, an offense from the policy's list and a written reason. ")
        .append("Reasons are screened for prohibited purposes before any data is touched, and every refusal is logged.</p>");
    sb.append("</section>\n");
  }

  private void access() {
    sb.append("<section id=\"access\"><h2>Who may access the data</h2><table>");
    for (String role : obj("access.roles").keySet()) {
      sb.append("<tr><th>").append(esc(role)).append("</th><td>").append(fig("access.roles." + role)).append("</td></tr>");
    }
    sb.append("</table><ul>");
    sb.append("<li>").append(fig("access.identification")).append("</li>");
    sb.append("<li>").append(fig("access.contractors")).append("</li>");
    sb.append("<li>Training: ").append(fig("access.trainingCourse")).append(", valid for ")
        .append(fig("access.trainingValidity")).append("; no access to plate data without current training.</li>");
    sb.append("<li>Accounts unused for ").append(fig("access.inactivityDays")).append(" days are disabled.</li>");
    sb.append("<li>Monitoring: ").append(fig("access.monitoring")).append("</li>");
    sb.append("</ul></section>\n");
  }

  private void hotlists() {
    sb.append("<section id=\"hotlists\"><h2>Hot lists</h2>");
    sb.append("<p>Reads are checked, as they arrive, against these hot-list sources only: ");
    List<Object> sources = list("hotlists.sources");
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      parts.add(fig("hotlists.sources." + i));
    }
    sb.append(parts.isEmpty() ? "none" : String.join(", ", parts)).append(".</p>");
    if (!String.valueOf(v("hotlists.description")).isBlank()) {
      sb.append("<p>").append(fig("hotlists.description")).append("</p>");
    }
    sb.append("<p>").append(fig("hotlists.accuracy")).append("</p>");
    sb.append("<h3>Hit accuracy, last 30 days</h3><p>Every hit must be verified by a person before action. Of ")
        .append(fig("hits.last30Days")).append(" hits: ").append(fig("hits.accuracy.text")).append(".</p>");
    sb.append("<table><tr><th>match kind</th><th>hits</th><th>verified</th><th>confirmed</th><th>misread</th>")
        .append("<th>stale entry</th><th>other</th></tr>");
    List<Object> kinds = list("hits.accuracyByMatchKind");
    for (int i = 0; i < kinds.size(); i++) {
      String p = "hits.accuracyByMatchKind." + i + ".";
      sb.append("<tr><td>").append(fig(p + "group")).append("</td><td>").append(fig(p + "alerts")).append("</td><td>")
          .append(fig(p + "verified")).append("</td><td>").append(fig(p + "confirmed")).append("</td><td>")
          .append(fig(p + "misread")).append("</td><td>").append(fig(p + "staleEntry")).append("</td><td>")
          .append(fig(p + "other")).append("</td></tr>");
    }
    sb.append("</table></section>\n");
  }

  private void retention() {
    sb.append("<section id=\"retention\"><h2>How long data is kept</h2><table>");
    sb.append("<tr><th>Reads that matched no hot list</th><td>").append(fig("retention.nonHit")).append("</td></tr>");
    sb.append("<tr><th>Reads that matched a hot list</th><td>").append(fig("retention.hit")).append("</td></tr>");
    sb.append("<tr><th>Longest legal hold a supervisor may approve</th><td>").append(fig("retention.maxLegalHold")).append("</td></tr>");
    sb.append("<tr><th>Longest retention extension</th><td>").append(fig("retention.maxExtension")).append("</td></tr>");
    sb.append("</table><p>Deletion is real deletion, run at least once a minute, and every purge is recorded in the audit log. ")
        .append("Last purge that deleted reads: ").append(fig("purges.lastAt")).append("; oldest read then still stored: ")
        .append(fig("purges.oldestReadStored")).append(".</p>");
    sb.append("<h3>Legal holds and retention extensions</h3><p>A supervisor may keep specific reads longer for a case, up to ")
        .append("the maximum above; every hold and extension is in the audit log, with details for auditors.</p><table>")
        .append("<tr><th></th><th>in force</th><th>awaiting approval</th><th>reads kept</th><th>approved in the last 30 days</th></tr>")
        .append("<tr><th>legal holds</th><td>").append(fig("holds.active")).append("</td><td>").append(fig("holds.pending"))
        .append("</td><td>").append(fig("holds.readsKept")).append("</td><td>").append(fig("holds.approvedLast30Days"))
        .append("</td></tr><tr><th>retention extensions</th><td>").append(fig("extensions.active")).append("</td><td>")
        .append(fig("extensions.pending")).append("</td><td>").append(fig("extensions.readsKept")).append("</td><td>")
        .append(fig("extensions.approvedLast30Days")).append("</td></tr></table>");
    sb.append("</section>\n");
  }

  private void cameras() {
    sb.append("<section id=\"cameras\"><h2>Cameras</h2><p>").append(fig("cameras.active"))
        .append(" in service of ").append(fig("cameras.total")).append(" registered.</p>");
    List<double[]> pos = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<Object> locs = list("cameras.locations");
    for (Object o : locs) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) o;
      pos.add(new double[] {((Number) c.get("lat")).doubleValue(), ((Number) c.get("lon")).doubleValue()});
      labels.add(String.valueOf(c.get("name")));
    }
    sb.append(Svg.cameraMap(pos, labels));
    sb.append("<ol class=\"cams\">");
    for (int i = 0; i < locs.size(); i++) {
      sb.append("<li>").append(fig("cameras.locations." + i + ".name")).append(" (")
          .append(fig("cameras.locations." + i + ".lat")).append(", ").append(fig("cameras.locations." + i + ".lon"))
          .append(")").append(Boolean.TRUE.equals(v("cameras.locations." + i + ".active")) ? "" : " — out of service")
          .append("</li>");
    }
    sb.append("</ol></section>\n");
  }

  private void sharing() {
    sb.append("<section id=\"sharing\"><h2>Agencies this data is shared with</h2><p>")
        .append(fig("sharing.count")).append(" agencies.</p>");
    List<Object> agencies = list("sharing.agencies");
    if (agencies.isEmpty()) {
      sb.append("<p>None: nothing is shared without an approved agreement.</p>");
    } else {
      sb.append("<ul>");
      for (int i = 0; i < agencies.size(); i++) {
        sb.append("<li>").append(fig("sharing.agencies." + i + ".name")).append(" (")
            .append(fig("sharing.agencies." + i + ".state")).append(")</li>");
      }
      sb.append("</ul>");
    }
    sb.append("<p>").append(fig("sharing.description")).append("</p></section>\n");
  }

  private void policy() {
    sb.append("<section id=\"policy\"><h2>The policy in force</h2><p>").append(fig("policy.title"))
        .append(", version ").append(fig("policy.version")).append(", in force since ").append(fig("policy.effectiveAt"))
        .append(".</p><p>SHA-256 of the published document: <code>").append(fig("policy.sha256"))
        .append("</code>. Every audit entry that the policy decided carries this hash.</p>");
    sb.append("<p>Governing-body approval: ").append(fig("policy.governingBodyReference")).append("</p>");
    sb.append("<table><tr><th>who</th><th>as</th><th>when</th><th>note</th></tr>");
    List<Object> approvals = list("policy.approvals");
    for (int i = 0; i < approvals.size(); i++) {
      String p = "policy.approvals." + i + ".";
      sb.append("<tr><td>").append(fig(p + "by")).append("</td><td>").append(fig(p + "as")).append("</td><td>")
          .append(fig(p + "at")).append("</td><td>").append(fig(p + "note")).append("</td></tr>");
    }
    sb.append("</table><p>Custodian: ").append(fig("policy.custodian.title")).append(" (designee: ")
        .append(fig("policy.custodian.designee")).append("). Contact: ").append(fig("policy.custodian.contact"))
        .append(". Authority: ").append(fig("policy.authority")).append("</p>");
    sb.append("<p><a href=\"/api/v1/policy\">Read the full policy document</a>: the exact text the software enforces.</p>");
    sb.append("</section>\n");
  }

  private void audit() {
    sb.append("<section id=\"audit\"><h2>The audit log, and how to check it</h2>");
    sb.append("<p>Every access to plate data, every refusal, every hot-list change, purge and policy change is an entry ")
        .append("in a public, append-only log: an RFC 9162 Merkle tree whose state is signed (Ed25519, C2SP checkpoint). ")
        .append("Names, plates, case numbers and reasons are not shown; each entry commits to them with a salted hash ")
        .append("that an auditor can open. The log holds ").append(fig("audit.size")).append(" entries.</p>");
    sb.append("<h3>Latest signed checkpoint</h3><p>Signed at ").append(fig("audit.signedAt")).append(", root hash <code>")
        .append(fig("audit.rootHash")).append("</code>.</p><pre>").append(fig("audit.checkpoint")).append("</pre>");
    sb.append("<p>Public key (C2SP verifier key): <code>").append(fig("audit.publicKey")).append("</code></p>");
    sb.append("<h3>Verify it yourself</h3><ol><li>Get Glassplate's source and run, with Java 17:<pre>")
        .append(fig("audit.verifyCommand")).append(" --save-checkpoint my-checkpoint.txt</pre></li>")
        .append("<li>It downloads the checkpoint, every tile and every entry, recomputes the tree, checks the signature ")
        .append("against the key above (pinned on first use) and prints <code>OK size=N root=…</code>, or names the first ")
        .append("entry that does not match.</li><li>Later, prove nothing was removed or rewritten since:<pre>")
        .append(esc(String.valueOf(v("audit.verifyCommand")))).append(" --trusted-checkpoint my-checkpoint.txt</pre></li></ol>");
    sb.append("<h3 id=\"audit-browser\">Browse the log, newest first</h3><table><tr><th>#</th><th>time (UTC)</th><th>event</th>")
        .append("<th>role</th><th>outcome</th><th>reason code</th><th>offense</th><th>results</th><th>proof</th></tr>");
    List<Object> rows = list("audit.browse.entries");
    for (int i = 0; i < rows.size(); i++) {
      String p = "audit.browse.entries." + i + ".";
      sb.append("<tr><td>").append(fig(p + "index")).append("</td><td>").append(fig(p + "time")).append("</td><td>")
          .append(fig(p + "type")).append("</td><td>").append(fig(p + "roles")).append("</td><td>")
          .append(fig(p + "outcome")).append("</td><td>").append(fig(p + "reasonCode")).append("</td><td>")
          .append(fig(p + "offense")).append("</td><td>").append(fig(p + "resultCount")).append("</td><td><a href=\"")
          .append(esc(v(p + "inclusionProof"))).append("\">inclusion proof</a></td></tr>");
    }
    if (rows.isEmpty()) {
      sb.append("<tr><td colspan=\"9\">no entries signed yet</td></tr>");
    }
    sb.append("</table><p class=\"pager\">");
    long first = ((Number) v("audit.browse.first")).longValue();
    long newest = ((Number) v("audit.browse.newest")).longValue();
    if (!rows.isEmpty() && first > 0) {
      long last = ((Number) at(r, "audit.browse.entries." + (rows.size() - 1) + ".index")).longValue();
      sb.append("<a href=\"?auditBefore=").append(last - 1).append("#audit-browser\">older entries</a>");
    }
    if (!rows.isEmpty() && first < newest) {
      sb.append("<a href=\"?#audit-browser\">newest entries</a>");
    }
    sb.append("<a href=\"/transparency/audit.csv\">all entries as CSV</a></p></section>\n");
  }

  /** The refusal counts as a table of figures, under their chart (readable without the picture). */
  static String refusedTable(Map<String, Object> model) {
    TransparencyPage page = new TransparencyPage(model);
    StringBuilder t = new StringBuilder("<p>").append(page.fig("searches.refusedLast30Days"))
        .append(" searches refused in the last 30 days");
    @SuppressWarnings("unchecked")
    Map<String, Object> by = (Map<String, Object>) at(model, "searches.refusedByReason");
    if (by == null || by.isEmpty()) {
      return t.append(".</p>").toString();
    }
    t.append(":</p><table><tr><th>reason code</th><th>refused</th></tr>");
    for (String code : by.keySet()) {
      t.append("<tr><td>").append(esc(code)).append("</td><td>").append(page.fig("searches.refusedByReason." + code))
          .append("</td></tr>");
    }
    return t.append("</table>").toString();
  }

  private String ul(String path) {
    StringBuilder u = new StringBuilder("<ul>");
    List<Object> items = list(path);
    for (int i = 0; i < items.size(); i++) {
      u.append("<li>").append(fig(path + "." + i)).append("</li>");
    }
    return u.append("</ul>").toString();
  }

  @SuppressWarnings("unchecked")
  static Map<LocalDate, Long> series(Object perDay) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    if (perDay instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((k, val) -> out.put(LocalDate.parse(k), ((Number) val).longValue()));
    }
    return out;
  }

  static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;margin:0;color:#1d2230;line-height:1.45;overflow-wrap:anywhere}
      header,main,footer{max-width:64rem;margin:0 auto;padding:0 1rem}
      header{padding-top:1rem}h1{font-size:1.6rem;margin:.4rem 0}h2{border-bottom:2px solid #dde;padding-bottom:.2rem}
      .lead{font-size:1.05rem}nav{display:flex;flex-wrap:wrap;gap:.3rem .9rem;margin:.6rem 0 1rem}
      nav a{white-space:nowrap}.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(9.5rem,1fr));gap:.6rem}
      .tile{border:1px solid #ccd;border-radius:6px;padding:.6rem;background:#f7f8fb}.tile .n{font-size:1.5rem;font-weight:700}
      .two{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
      table{border-collapse:collapse;margin:.6rem 0;width:100%}td,th{border:1px solid #ccd;padding:.3rem .5rem;text-align:left;vertical-align:top}
      code,pre{background:#eef;padding:.1rem .3rem;word-break:break-all;white-space:pre-wrap}
      svg.chart{width:100%;height:auto;max-width:640px;display:block;margin:.5rem 0}
      .pager a{margin-right:1rem}footer{color:#556;margin-top:2rem;padding-bottom:2rem}
      @media (max-width:600px){h1{font-size:1.3rem}td,th{font-size:.9rem}table{display:block;overflow-x:auto}}
      """;
}

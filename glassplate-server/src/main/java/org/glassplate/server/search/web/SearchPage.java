package org.glassplate.server.search.web;

import static org.glassplate.server.web.Html.csrf;
import static org.glassplate.server.web.Html.esc;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Offense;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.ProhibitedPurpose;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.SearchRequest;
import org.glassplate.server.search.SearchResult;
import org.glassplate.server.search.Searches;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The investigators' search page, rendered on the server so it works without JavaScript: the form
 * (case, offense, reason, plate or pattern, window, cameras or area), the refusal when refused,
 * and the results as a table with a plot of where the plate was seen, drawn as SVG from the
 * cameras' positions (no outside tile server). {@code /search/search.js} only adds conveniences.
 */
@Controller
class SearchPage {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final Searches searches;
  private final Policies policies;
  private final Cameras cameras;
  private final java.time.Clock clock;
  private final ErrorStatuses statuses;

  SearchPage(Searches searches, Policies policies, Cameras cameras, java.time.Clock clock, ErrorStatuses statuses) {
    this.statuses = statuses;
    this.searches = searches;
    this.policies = policies;
    this.cameras = cameras;
    this.clock = clock;
  }

  @GetMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(HttpServletRequest request) {
    return html(200, render(request, Map.of(), null, null));
  }

  @PostMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> search(HttpServletRequest request, @RequestParam MultiValueMap<String, String> form) {
    Map<String, String> f = new LinkedHashMap<>();
    form.forEach((k, v) -> f.put(k, v.isEmpty() ? "" : v.get(0)));
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      SearchRequest r = request(f, form.get("camera"));
      SearchResult result = searches.search(caller, r);
      return html(200, render(request, f, result, null));
    } catch (Refusal e) {
      return html(statuses.of(e).value(), render(request, f, null, e));
    }
  }

  private SearchRequest request(Map<String, String> f, List<String> cameraIds) {
    String query = f.getOrDefault("query", "").strip();
    boolean pattern = query.contains("*") || query.contains("?");
    List<Long> cams = new ArrayList<>();
    if (cameraIds != null) {
      for (String id : cameraIds) {
        try {
          cams.add(Long.parseLong(id));
        } catch (NumberFormatException e) {
          throw ApiException.unprocessable("cameras", "unknown camera id");
        }
      }
    }
    List<Double> bbox = new ArrayList<>();
    for (String k : List.of("south", "west", "north", "east")) {
      String v = f.getOrDefault(k, "").strip();
      if (!v.isEmpty()) {
        try {
          bbox.add(Double.parseDouble(v));
        } catch (NumberFormatException e) {
          throw ApiException.unprocessable("bbox", k + " must be a number of degrees");
        }
      }
    }
    if (!bbox.isEmpty() && bbox.size() != 4) {
      throw ApiException.unprocessable("bbox", "an area needs south, west, north and east");
    }
    return new SearchRequest(pattern ? null : blankToNull(query), pattern ? query : null, time(f, "from"),
        time(f, "to"), f.get("caseNumber"), f.get("offense"), f.get("reason"), blankToNull(f.get("onBehalfOf")),
        "on".equals(f.get("lookalike")), cams.isEmpty() ? null : cams, bbox.isEmpty() ? null : bbox,
        integer(f, "page"), integer(f, "pageSize"));
  }

  /** A time from the form: ISO-8601 with zone (set by the script), or the input's local form read as UTC. */
  private static Instant time(Map<String, String> f, String name) {
    String iso = f.getOrDefault(name + "Iso", "").strip();
    String local = f.getOrDefault(name, "").strip();
    try {
      if (!iso.isEmpty()) {
        return Instant.parse(iso);
      }
      return local.isEmpty() ? null : LocalDateTime.parse(local).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(name, name + " must be a date and time");
    }
  }

  private static Integer integer(Map<String, String> f, String name) {
    String v = f.getOrDefault(name, "").strip();
    if (v.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.unprocessable(name, name + " must be a whole number");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static ResponseEntity<String> html(int status, String body) {
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(body);
  }

  private String render(HttpServletRequest request, Map<String, String> f, SearchResult result, Refusal error) {
    EffectivePolicy policy = policies.current();
    List<Camera> all = cameras.all();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant oldest = now.minus(policy.nonHitRetention()).plus(1, ChronoUnit.MINUTES);
    Instant defaultFrom = oldest.isAfter(now.minus(1, ChronoUnit.DAYS)) ? oldest : now.minus(1, ChronoUnit.DAYS);
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>Search plate reads</title><link rel=\"stylesheet\" href=\"/search/search.css\">")
        .append("<script src=\"/search/search.js\" defer></script></head><body>")
        .append("<h1>Search plate reads</h1>")
        .append("<p class=\"note\">Every search is written to the public audit log, with your case number, offense ")
        .append("and reason kept private but committed to, before any result is shown. A search needs a case number, ")
        .append("an offense and a specific reason. Searches for these purposes are refused and the refusal is recorded: ");
    List<String> prohibited = policy.prohibitedPurposes().stream().map(ProhibitedPurpose::description).toList();
    h.append(esc(String.join(" ", prohibited))).append(" The window cannot reach back more than ")
        .append(esc(human(policy.nonHitRetention()))).append(" (retention, policy version ").append(policy.version())
        .append(").</p>");

    if (error != null) {
      h.append("<div class=\"refusal\" id=\"refusal\" role=\"alert\"><strong id=\"refusal-code\">")
          .append(esc(error.code())).append("</strong>: <span id=\"refusal-message\">").append(esc(error.getMessage()))
          .append("</span>");
      if (error.field() != null) {
        h.append(" <span class=\"field\">(field <code>").append(esc(error.field())).append("</code>)</span>");
      }
      h.append("</div>");
    }

    h.append("<form method=\"post\" action=\"/search\" id=\"search-form\">").append(csrf(request))
        .append("<fieldset><legend>Purpose</legend>")
        .append("<label>Case or incident number <input name=\"caseNumber\" required maxlength=\"64\" value=\"")
        .append(esc(f.get("caseNumber"))).append("\"></label>")
        .append("<label>Offense <select name=\"offense\" required><option value=\"\">choose</option>");
    for (Offense o : policy.offenses()) {
      h.append("<option value=\"").append(esc(o.code())).append('"')
          .append(o.code().equals(f.get("offense")) ? " selected" : "").append('>').append(esc(o.name()))
          .append("</option>");
    }
    h.append("</select></label>")
        .append("<label>Reason <textarea name=\"reason\" required maxlength=\"1000\" rows=\"2\">")
        .append(esc(f.get("reason"))).append("</textarea></label>")
        .append("<label>On behalf of (another agency, only under a sharing agreement) <input name=\"onBehalfOf\" ")
        .append("maxlength=\"200\" value=\"").append(esc(f.get("onBehalfOf"))).append("\"></label></fieldset>")
        .append("<fieldset><legend>Plate</legend>")
        .append("<label>Plate or pattern (<code>*</code> any run, <code>?</code> one character) ")
        .append("<input name=\"query\" required maxlength=\"20\" autocomplete=\"off\" value=\"")
        .append(esc(f.get("query"))).append("\"></label>")
        .append("<label class=\"inline\"><input type=\"checkbox\" name=\"lookalike\"")
        .append("on".equals(f.get("lookalike")) ? " checked" : "")
        .append("> look-alike characters (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G)</label></fieldset>")
        .append("<fieldset><legend>When (UTC)</legend>")
        .append("<label>From <input type=\"datetime-local\" name=\"from\" required value=\"")
        .append(esc(f.getOrDefault("from", LOCAL.format(defaultFrom.atOffset(ZoneOffset.UTC)))))
        .append("\" min=\"").append(esc(LOCAL.format(oldest.atOffset(ZoneOffset.UTC)))).append("\"></label>")
        .append("<label>To <input type=\"datetime-local\" name=\"to\" required value=\"")
        .append(esc(f.getOrDefault("to", LOCAL.format(now.plus(1, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC)))))
        .append("\"></label></fieldset>")
        .append("<fieldset><legend>Where (optional)</legend><div class=\"cameras\">");
    List<String> chosen = f.containsKey("camera") ? List.of(f.get("camera")) : List.of();
    for (Camera c : all) {
      h.append("<label class=\"inline\"><input type=\"checkbox\" name=\"camera\" value=\"").append(c.id()).append('"')
          .append(chosen.contains(String.valueOf(c.id())) ? " checked" : "").append("> ").append(esc(c.name()))
          .append("</label>");
    }
    h.append("</div><p>Area (degrees):");
    for (String k : List.of("south", "west", "north", "east")) {
      h.append(" <label class=\"inline\">").append(k).append(" <input name=\"").append(k)
          .append("\" size=\"9\" inputmode=\"decimal\" value=\"").append(esc(f.get(k))).append("\"></label>");
    }
    h.append("</p></fieldset>")
        .append("<input type=\"hidden\" name=\"fromIso\" value=\"\"><input type=\"hidden\" name=\"toIso\" value=\"\">")
        .append("<label class=\"inline\">Per page <select name=\"pageSize\">");
    for (String n : List.of("50", "100", "250", "500")) {
      h.append("<option").append(n.equals(f.getOrDefault("pageSize", "100")) ? " selected" : "").append('>')
          .append(n).append("</option>");
    }
    h.append("</select></label> <input type=\"hidden\" name=\"page\" value=\"1\">")
        .append("<button type=\"submit\" id=\"search-button\">Search</button></form>");

    if (result != null) {
      renderResults(h, result, all, f);
      holdForm(h, request, result, policy);
    }
    h.append("</body></html>");
    return h.toString();
  }

  private void renderResults(StringBuilder h, SearchResult r, List<Camera> all, Map<String, String> f) {
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    h.append("<section id=\"results\"><h2>Results</h2><p id=\"result-summary\">")
        .append(r.results().size()).append(r.results().size() == 1 ? " read" : " reads")
        .append(" on page ").append(r.page()).append(r.more() ? " (more on the next page)" : "")
        .append(", from ").append(r.camerasCovered()).append(" cameras covered. Recorded in the audit log at index ")
        .append("<a id=\"audit-index\" href=\"/api/v1/audit/proof/inclusion?index=").append(r.auditIndex())
        .append("\">").append(r.auditIndex()).append("</a>.</p>");
    if (r.flagged()) {
      h.append("<p class=\"flag\" id=\"flagged\">Your reason is vague: the search ran, and it is flagged for a ")
          .append("supervisor's review. Say what you are looking for and why next time.</p>");
    }
    h.append(plot(r.results(), all));
    h.append("<table id=\"results-table\"><thead><tr><th>Time</th><th>Camera</th><th>Plate</th><th>State</th>")
        .append("<th>Vehicle</th></tr></thead><tbody>");
    for (PlateRead read : r.results()) {
      Camera c = byId.get(read.cameraId());
      h.append("<tr data-camera=\"").append(read.cameraId()).append("\"><td>")
          .append(esc(SHOWN.format(read.capturedAt()))).append("</td><td>")
          .append(esc(c == null ? "camera " + read.cameraId() : c.name())).append("</td><td class=\"plate\">")
          .append(esc(read.plate().value())).append("</td><td>").append(esc(read.state().value())).append("</td><td>")
          .append(esc(String.join(" ", nonNull(read.vehicle().color(), read.vehicle().make(), read.vehicle().type()))))
          .append("</td></tr>");
    }
    h.append("</tbody></table>");
    if (r.more()) {
      h.append("<p>The next page is another search, recorded like this one.</p>");
    }
    h.append("</section>");
  }

  /**
   * The way to keep this page's reads for the case: a legal hold request, which the retention
   * feature's page at {@code /holds} takes (by URL only; a supervisor other than the requester approves).
   */
  private void holdForm(StringBuilder h, HttpServletRequest request, SearchResult r, EffectivePolicy policy) {
    if (r.results().isEmpty()) {
      return;
    }
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    java.time.LocalDate latest = java.time.LocalDate.ofInstant(clock.instant().plus(policy.maxLegalHold()),
        ZoneOffset.UTC);
    java.time.LocalDate proposed = today.plusDays(30).isAfter(latest) ? latest : today.plusDays(30);
    int n = r.results().size();
    h.append("<form method=\"post\" action=\"/holds\" id=\"hold-form\">").append(csrf(request))
        .append("<fieldset><legend>Ask for a legal hold on these ").append(n).append(n == 1 ? " read" : " reads")
        .append("</legend><input type=\"hidden\" name=\"searchId\" value=\"").append(esc(r.searchId()))
        .append("\"><label>Reason <textarea name=\"reason\" required maxlength=\"2000\" rows=\"2\"></textarea></label>")
        .append("<label>Ends on (00:00 UTC) <input type=\"date\" name=\"endsOn\" required value=\"").append(proposed)
        .append("\" min=\"").append(today.plusDays(1)).append("\" max=\"").append(latest).append("\"></label>")
        .append("<p class=\"note\">Held under this search's case number. The policy allows a legal hold of at most ")
        .append(esc(human(policy.maxLegalHold()))).append("; a supervisor other than you must approve it.</p>")
        .append("<button type=\"submit\" id=\"hold-button\">Ask for a legal hold</button></fieldset></form>");
  }

  /**
   * Where the reads were taken, on a plain equirectangular plot: red circles sized by the number of
   * reads at each position, labelled with the camera's name; grey dots for the agency's other
   * cameras in view. The view fits the sightings (all cameras when there are none).
   */
  static String plot(List<PlateRead> reads, List<Camera> all) {
    record Spot(double lat, double lon) {
    }
    Map<Spot, Integer> counts = new LinkedHashMap<>();
    Map<Spot, Long> spotCamera = new LinkedHashMap<>();
    for (PlateRead r : reads) {
      if (r.lat() != null && r.lon() != null) {
        Spot spot = new Spot(Math.round(r.lat() * 1e4) / 1e4, Math.round(r.lon() * 1e4) / 1e4);
        counts.merge(spot, 1, Integer::sum);
        spotCamera.putIfAbsent(spot, r.cameraId());
      }
    }
    double minLat = Double.MAX_VALUE;
    double maxLat = -Double.MAX_VALUE;
    double minLon = Double.MAX_VALUE;
    double maxLon = -Double.MAX_VALUE;
    List<double[]> extent = new ArrayList<>();
    counts.keySet().forEach(sp -> extent.add(new double[] {sp.lat(), sp.lon()}));
    if (extent.isEmpty()) {
      all.forEach(c -> extent.add(new double[] {c.lat(), c.lon()}));
    }
    if (extent.isEmpty()) {
      return "<p>No camera positions to plot.</p>";
    }
    for (double[] e : extent) {
      minLat = Math.min(minLat, e[0]);
      maxLat = Math.max(maxLat, e[0]);
      minLon = Math.min(minLon, e[1]);
      maxLon = Math.max(maxLon, e[1]);
    }
    // a margin around the sightings, and at least about half a kilometre across
    double padLat = Math.max((maxLat - minLat) * 0.15, 0.0025);
    double padLon = Math.max((maxLon - minLon) * 0.15, 0.0025);
    minLat -= padLat;
    maxLat += padLat;
    minLon -= padLon;
    maxLon += padLon;
    double w = 600;
    double hgt = 360;
    double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2)); // degrees of longitude are shorter
    double spanX = (maxLon - minLon) * kx;
    double spanY = maxLat - minLat;
    double scale = Math.min(w / spanX, hgt / spanY);
    double offX = (w - spanX * scale) / 2;
    double offY = (hgt - spanY * scale) / 2;
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    StringBuilder s = new StringBuilder();
    s.append("<figure><svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 360\" role=\"img\" ")
        .append("aria-label=\"Where the plate was seen\"><rect width=\"600\" height=\"360\" fill=\"#f7f7f4\"/>");
    for (Camera c : all) {
      if (c.lat() < minLat || c.lat() > maxLat || c.lon() < minLon || c.lon() > maxLon) {
        continue;
      }
      double x = offX + (c.lon() - minLon) * kx * scale;
      double y = hgt - (offY + (c.lat() - minLat) * scale);
      s.append(String.format(Locale.ROOT, "<circle class=\"camera\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
          + "fill=\"#aaa\"><title>%s</title></circle>", c.id(), x, y, esc(c.name())));
    }
    for (Map.Entry<Spot, Integer> e : counts.entrySet()) {
      double x = offX + (e.getKey().lon() - minLon) * kx * scale;
      double y = hgt - (offY + (e.getKey().lat() - minLat) * scale);
      double radius = 6 + 4 * Math.sqrt(e.getValue());
      Camera c = byId.get(spotCamera.get(e.getKey()));
      String name = c == null ? "" : c.name();
      s.append(String.format(Locale.ROOT, "<circle class=\"seen\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" "
              + "r=\"%.1f\" fill=\"#c0392b\" fill-opacity=\"0.55\" stroke=\"#c0392b\"><title>%s: %d reads</title></circle>",
          spotCamera.get(e.getKey()), x, y, radius, esc(name), e.getValue()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
          + "fill=\"#fff\">%d</text>", x, y + 4, e.getValue()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">%s</text>",
          x + radius + 3, y + 3, esc(name)));
    }
    s.append("</svg><figcaption>Where the plate was seen: red circles, sized by the number of reads on this page, ")
        .append("with the camera's name; grey dots are the agency's other cameras in view. Drawn from positions ")
        .append("only; no map service is contacted.</figcaption></figure>");
    return s.toString();
  }

  private static List<String> nonNull(String... values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        out.add(v);
      }
    }
    return out;
  }

  static String human(java.time.Duration d) {
    if (d.toDays() >= 1 && d.equals(java.time.Duration.ofDays(d.toDays()))) {
      return d.toDays() + (d.toDays() == 1 ? " day" : " days");
    }
    if (d.toHours() >= 1 && d.equals(java.time.Duration.ofHours(d.toHours()))) {
      return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
    }
    return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
  }
}

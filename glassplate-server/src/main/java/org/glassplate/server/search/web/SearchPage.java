package org.glassplate.server.search.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.ProhibitedPurpose;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.SearchRequest;
import org.glassplate.server.search.SearchResult;
import org.glassplate.server.search.Searches;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.Svg;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

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
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, Map.of(), List.of(), null, null);
  }

  @PostMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView search(HttpServletRequest request, HttpServletResponse response,
      @RequestParam MultiValueMap<String, String> form) {
    Map<String, String> f = new LinkedHashMap<>();
    form.forEach((k, v) -> f.put(k, v.isEmpty() ? "" : v.get(0)));
    List<String> chosen = form.getOrDefault("camera", List.of());
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      SearchRequest r = request(f, form.get("camera"));
      SearchResult result = searches.search(caller, r);
      return render(request, response, f, chosen, result, null);
    } catch (Refusal e) {
      return render(request, response, f, chosen, null, RefusalView.of(e, statuses.of(e)));
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

  private ModelAndView render(HttpServletRequest request, HttpServletResponse response, Map<String, String> f,
      List<String> chosen, SearchResult result, RefusalView refusal) {
    EffectivePolicy policy = policies.current();
    List<Camera> all = cameras.all();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant oldest = now.minus(policy.nonHitRetention()).plus(1, ChronoUnit.MINUTES);
    Instant defaultFrom = oldest.isAfter(now.minus(1, ChronoUnit.DAYS)) ? oldest : now.minus(1, ChronoUnit.DAYS);
    SearchView.Rules rules = new SearchView.Rules(
        String.join(" ", policy.prohibitedPurposes().stream().map(ProhibitedPurpose::description).toList()),
        human(policy.nonHitRetention()), policy.version());
    List<SearchView.Choice> area = List.of("south", "west", "north", "east").stream()
        .map(k -> new SearchView.Choice(f.getOrDefault(k, ""), k, false)).toList();
    SearchView.Form form = new SearchView.Form(f.getOrDefault("caseNumber", ""), f.getOrDefault("offense", ""),
        f.getOrDefault("reason", ""), f.getOrDefault("onBehalfOf", ""), f.getOrDefault("query", ""),
        "on".equals(f.get("lookalike")), f.getOrDefault("from", LOCAL.format(defaultFrom.atOffset(ZoneOffset.UTC))),
        LOCAL.format(oldest.atOffset(ZoneOffset.UTC)),
        f.getOrDefault("to", LOCAL.format(now.plus(1, ChronoUnit.MINUTES).atOffset(ZoneOffset.UTC))), area);
    List<SearchView.Choice> cameraChoices = all.stream().map(c -> new SearchView.Choice(String.valueOf(c.id()),
        c.name(), chosen.contains(String.valueOf(c.id())))).toList();
    String pageSize = f.getOrDefault("pageSize", "100");
    List<SearchView.Choice> pageSizes = List.of("50", "100", "250", "500").stream()
        .map(n -> new SearchView.Choice(n, n, n.equals(pageSize))).toList();
    SearchView view = new SearchView(Layout.of("Search plate reads · Glassplate", request), rules, refusal, form,
        policy.offenses(), cameraChoices, pageSizes, result == null ? null : results(result, all),
        result == null ? null : holdOffer(result, policy));
    Pages.noStore(response);
    return Pages.page("search/page", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private static SearchView.Results results(SearchResult r, List<Camera> all) {
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    List<SearchView.Row> rows = new ArrayList<>();
    for (PlateRead read : r.results()) {
      Camera c = byId.get(read.cameraId());
      rows.add(new SearchView.Row(read.cameraId(), SHOWN.format(read.capturedAt()),
          c == null ? "camera " + read.cameraId() : c.name(), read.plate().value(), read.state().value(),
          String.join(" ", nonNull(read.vehicle().color(), read.vehicle().make(), read.vehicle().type()))));
    }
    return new SearchView.Results(r.results().size(), r.page(), r.more(), r.camerasCovered(), r.auditIndex(),
        r.flagged(), plot(r.results(), all), rows);
  }

  /**
   * The way to keep this page's reads for the case: a legal hold request, which the retention
   * feature's page at {@code /holds} takes (by URL only; a supervisor other than the requester approves).
   */
  private SearchView.HoldOffer holdOffer(SearchResult r, EffectivePolicy policy) {
    if (r.results().isEmpty()) {
      return null;
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate latest = LocalDate.ofInstant(clock.instant().plus(policy.maxLegalHold()), ZoneOffset.UTC);
    LocalDate proposed = today.plusDays(30).isAfter(latest) ? latest : today.plusDays(30);
    return new SearchView.HoldOffer(r.searchId().toString(), r.results().size(), proposed.toString(),
        today.plusDays(1).toString(), latest.toString(), human(policy.maxLegalHold()));
  }

  /** Where the reads were taken, drawn by the chart helper from the cameras' positions; null when nothing to plot. */
  static String plot(List<PlateRead> reads, List<Camera> all) {
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    List<Svg.Place> seen = new ArrayList<>();
    for (PlateRead r : reads) {
      if (r.lat() != null && r.lon() != null) {
        Camera c = byId.get(r.cameraId());
        seen.add(new Svg.Place(r.cameraId(), r.lat(), r.lon(), c == null ? "" : c.name()));
      }
    }
    return Svg.sightings(seen, all.stream().map(c -> new Svg.Place(c.id(), c.lat(), c.lon(), c.name())).toList());
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

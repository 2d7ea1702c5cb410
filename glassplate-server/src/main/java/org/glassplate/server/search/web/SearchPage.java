package org.glassplate.server.search.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Durations;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.Policies;
import org.glassplate.server.policy.ProhibitedPurpose;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.search.PartnerOutcome;
import org.glassplate.server.search.SearchRequest;
import org.glassplate.server.sharing.Agreements;
import org.glassplate.server.sharing.FederationResult;
import org.glassplate.server.sharing.PartnerAnswer;
import org.glassplate.server.search.SearchResult;
import org.glassplate.server.search.Searches;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
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
 * (case, offense, reason, plate or pattern, window, cameras or area), the refusal when refused (its
 * field marked and focused), and the results as a table with a plot of where the plate was seen,
 * drawn as SVG from the cameras' positions (no outside tile server). Every field keeps exactly what
 * was submitted; Previous and Next run the same search again for another page, each one audited.
 * Times are in the agency's time zone. {@code /search/search.js} only adds conveniences (drawing the
 * area on the camera plot, the pattern rule checked before submitting, UTC shown beside the times).
 */
@Controller
class SearchPage {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
  /** The fields a search is made of, carried unchanged to its previous and next pages. */
  private static final List<String> CRITERIA = List.of("caseNumber", "offense", "reason", "onBehalfOf", "query",
      "lookalike", "from", "to", "fromIso", "toIso", "camera", "south", "west", "north", "east", "pageSize");
  static final String PATTERN_RULE = "A pattern needs two known characters at the start or at the end, or three in a"
      + " row anywhere (7AB*, *123, *ABC*), unless cameras or an area bound the search; * alone with cameras or an"
      + " area finds every plate read there.";

  private final Searches searches;
  private final Policies policies;
  private final Cameras cameras;
  private final java.time.Clock clock;
  private final ErrorStatuses statuses;
  private final ZoneId zone;
  private final Agency agency;
  private final Agreements agreements;

  SearchPage(Searches searches, Policies policies, Cameras cameras, java.time.Clock clock, ErrorStatuses statuses,
      Agency agency, Agreements agreements) {
    this.agency = agency;
    this.agreements = agreements;
    this.statuses = statuses;
    this.searches = searches;
    this.policies = policies;
    this.cameras = cameras;
    this.clock = clock;
    this.zone = agency.timeZone();
  }

  @GetMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, Map.of(), List.of(), null, null, null);
  }

  @PostMapping(value = "/search", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView search(HttpServletRequest request, HttpServletResponse response,
      @RequestParam MultiValueMap<String, String> form) {
    Map<String, String> f = new LinkedHashMap<>();
    form.forEach((k, v) -> f.put(k, v.isEmpty() ? "" : v.get(0)));
    List<String> chosen = form.getOrDefault("camera", List.of());
    List<SearchView.Field> criteria = new ArrayList<>();
    for (String name : CRITERIA) {
      form.getOrDefault(name, List.of()).forEach(v -> criteria.add(new SearchView.Field(name, v)));
    }
    Caller caller = CallerAuthentication.current().orElseThrow();
    try {
      SearchRequest r = request(f, chosen);
      SearchResult result = searches.search(caller, r);
      return render(request, response, f, chosen, result, criteria, null);
    } catch (Refusal e) {
      return render(request, response, f, chosen, null, null, RefusalView.of(e, statuses.of(e)));
    }
  }

  private SearchRequest request(Map<String, String> f, List<String> cameraIds) {
    String query = f.getOrDefault("query", "").strip();
    boolean pattern = query.contains("*") || query.contains("?");
    List<Long> cams = new ArrayList<>();
    for (String id : cameraIds) {
      try {
        cams.add(Long.parseLong(id));
      } catch (NumberFormatException e) {
        throw ApiException.unprocessable("cameras", "unknown camera id");
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
        integer(f, "page"), integer(f, "pageSize"),
        "on".equals(f.get("partners")) ? SearchRequest.Partners.ALL : null);
  }

  /** A time from the form: ISO-8601 with zone (from a script or a client), or the input's local form in the agency's zone. */
  private Instant time(Map<String, String> f, String name) {
    String iso = f.getOrDefault(name + "Iso", "").strip();
    String local = f.getOrDefault(name, "").strip();
    try {
      if (!iso.isEmpty()) {
        return Instant.parse(iso);
      }
      return local.isEmpty() ? null : LocalDateTime.parse(local).atZone(zone).toInstant();
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
      List<String> chosen, SearchResult result, List<SearchView.Field> criteria, RefusalView refusal) {
    EffectivePolicy policy = policies.current();
    List<Camera> all = cameras.all();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Instant oldest = now.minus(policy.nonHitRetention()).plus(1, ChronoUnit.MINUTES);
    Instant defaultFrom = oldest.isAfter(now.minus(1, ChronoUnit.DAYS)) ? oldest : now.minus(1, ChronoUnit.DAYS);
    SearchView.Rules rules = new SearchView.Rules(
        String.join(" ", policy.prohibitedPurposes().stream().map(ProhibitedPurpose::description).toList()),
        Durations.inWords(policy.nonHitRetention()), policy.version(), PATTERN_RULE, ShownTime.zoneName(zone), zone.getId());
    List<SearchView.Choice> area = List.of("south", "west", "north", "east").stream()
        .map(k -> new SearchView.Choice(f.getOrDefault(k, ""), k, false)).toList();
    SearchView.Form form = new SearchView.Form(f.getOrDefault("caseNumber", ""), f.getOrDefault("offense", ""),
        f.getOrDefault("reason", ""), f.getOrDefault("onBehalfOf", ""), f.getOrDefault("query", ""),
        "on".equals(f.get("lookalike")), f.getOrDefault("from", local(defaultFrom)), local(oldest), local(now),
        f.getOrDefault("to", local(now.plus(1, ChronoUnit.MINUTES))), area, "on".equals(f.get("partners")));
    List<SearchView.Choice> cameraChoices = all.stream().map(c -> new SearchView.Choice(String.valueOf(c.id()),
        c.name(), chosen.contains(String.valueOf(c.id())))).toList();
    String pageSize = f.getOrDefault("pageSize", "100");
    List<SearchView.Choice> pageSizes = List.of("50", "100", "250", "500").stream()
        .map(n -> new SearchView.Choice(n, n, n.equals(pageSize))).toList();
    String areaMap = Svg.areaPicker(all.stream().map(c -> new Svg.Place(c.id(), c.lat(), c.lon(), c.name())).toList(),
        box(f));
    SearchView view = new SearchView(Layout.of("Search plate reads · Glassplate", request), rules, refusal,
        refusal == null ? null : formField(refusal.field()), form, policy.offenses(), cameraChoices, areaMap,
        pageSizes, result == null ? null : results(result, all, criteria), result == null ? null : holdOffer(result, policy),
        answering().stream().map(SharingAgreement::name).toList());
    Pages.noStore(response);
    return Pages.page("search/page", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  /** The partner agencies that answer us under an agreement in force (direction they-answer or both). */
  private List<SharingAgreement> answering() {
    return agreements.inForce().agreements().stream().map(Agreements.AgreementInForce::agreement)
        .filter(a -> a.terms() != null && a.terms().direction().theyAnswer()).toList();
  }

  private String local(Instant t) {
    return LOCAL.format(t.atZone(zone));
  }

  /** The area of the form, when its four numbers are there and make a box; null otherwise. */
  private static Svg.Box box(Map<String, String> f) {
    try {
      double south = Double.parseDouble(f.getOrDefault("south", ""));
      double west = Double.parseDouble(f.getOrDefault("west", ""));
      double north = Double.parseDouble(f.getOrDefault("north", ""));
      double east = Double.parseDouble(f.getOrDefault("east", ""));
      return south <= north && west <= east ? new Svg.Box(south, west, north, east) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The form's field for a refusal's field (the search API's names): the one to mark and focus. */
  static String formField(String field) {
    if (field == null) {
      return null;
    }
    return switch (field) {
      case "plate", "pattern" -> "query";
      case "cameras" -> "camera";
      case "bbox" -> "south";
      default -> field;
    };
  }

  private SearchView.Results results(SearchResult r, List<Camera> all, List<SearchView.Field> criteria) {
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    List<SearchView.Row> rows = new ArrayList<>();
    for (PlateRead read : r.results()) {
      Camera c = byId.get(read.cameraId());
      rows.add(new SearchView.Row(agency.name(), read.cameraId(), ShownTime.of(read.capturedAt(), zone),
          c == null ? "camera " + read.cameraId() : c.name(), read.plate().value(), read.state().value(),
          String.join(" ", nonNull(read.vehicle().color(), read.vehicle().make(), read.vehicle().type()))));
    }
    List<SearchView.PartnerLine> partners = null;
    if (r.partners() != null) {
      Map<String, String> names = new LinkedHashMap<>();
      policies.current().sharing().forEach(a -> names.put(a.id(), a.name()));
      partners = new ArrayList<>();
      for (PartnerOutcome o : r.partners()) {
        String name = names.getOrDefault(o.agency(), o.agency());
        for (PartnerAnswer.Result read : o.results()) {
          PartnerAnswer.Camera c = read.camera();
          PartnerAnswer.Vehicle v = read.vehicle();
          rows.add(new SearchView.Row(name, c == null ? 0 : c.id(),
              read.capturedAt() == null ? null : ShownTime.of(read.capturedAt(), zone),
              c == null || c.name() == null ? "their camera" : c.name(), read.plate(), read.state(),
              v == null ? "" : String.join(" ", nonNull(v.color(), v.make(), v.type()))));
        }
        partners.add(new SearchView.PartnerLine(o.agency(), name, o.status().name(),
            o.status() == FederationResult.Status.OK, o.count(), o.auditIndex(), outcomeInWords(o)));
      }
    }
    int first = (r.page() - 1) * r.pageSize() + 1;
    return new SearchView.Results(r.results().size(), r.page(), first, first + r.results().size() - 1, r.more(),
        r.camerasCovered(), r.auditIndex(), r.flagged(), plot(r.results(), all), rows,
        r.page() > 1 ? r.page() - 1 : null, r.more() ? r.page() + 1 : null, criteria, partners,
        r.partnersAuditIndex());
  }

  /** What a partner did, in words, for the page. */
  static String outcomeInWords(PartnerOutcome o) {
    return switch (o.status()) {
      case OK -> o.count() == 1 ? "answered: 1 read" : "answered: " + o.count() + " reads";
      case TIMEOUT -> "did not answer in time; nothing from it is shown";
      case UNREACHABLE -> "could not be reached; nothing from it is shown";
      case REFUSED -> "refused: " + refusalInWords(o.code(), o.field(), o.message());
    };
  }

  private static String refusalInWords(String code, String field, String message) {
    if (code == null) {
      return message == null ? "no reason given" : message;
    }
    return switch (code) {
      case "NO_AGREEMENT" -> "there is no agreement in force under which it answers us";
      case "AGREEMENT_EXPIRED" -> "its agreement with us has expired";
      case "OUTSIDE_SCOPE" -> "the search is outside the scope of its agreement with us"
          + (field == null ? "" : switch (field) {
            case "cameras" -> " (cameras it does not share)";
            case "from" -> " (the window reaches back further than it shares)";
            case "offense" -> " (an offense it does not share for)";
            default -> " (" + field + ")";
          });
      case "WINDOW_PAST_RETENTION" -> "the window reaches past its retention period; it keeps no reads that old";
      case "LEGAL_FLOOR" -> "the legal floor forbids it";
      case "PROHIBITED_PURPOSE" -> "it found a prohibited purpose in the request";
      case "UNKNOWN_OFFENSE" -> "the offense is not on its policy's list";
      case "SIGNATURE_REJECTED" -> "it did not accept this node's signature";
      case "TRAINING_REQUIRED" -> "it requires current training";
      default -> code.toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
          + (message == null ? "" : ": " + message);
    };
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
        today.plusDays(1).toString(), latest.toString(), Durations.inWords(policy.maxLegalHold()));
  }

  /**
   * Where the reads were taken, drawn by the chart helper: grouped by camera, at the cameras' own
   * positions; null when nothing to plot.
   */
  static String plot(List<PlateRead> reads, List<Camera> all) {
    Map<Long, Camera> byId = new LinkedHashMap<>();
    all.forEach(c -> byId.put(c.id(), c));
    List<Svg.Place> seen = new ArrayList<>();
    for (PlateRead r : reads) {
      Camera c = byId.get(r.cameraId());
      if (c != null) {
        seen.add(new Svg.Place(r.cameraId(), c.lat(), c.lon(), c.name()));
      } else if (r.lat() != null && r.lon() != null) {
        seen.add(new Svg.Place(r.cameraId(), r.lat(), r.lon(), ""));
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

}

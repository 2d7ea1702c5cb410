package org.glassplate.server.oversight.vendor;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.web.Svg;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the vendor audit report (issue 17): {@code report.json} (sources, rows, bad rows, findings by
 * rule, flagged rows, sharing recipients classified), {@code findings.csv} (file, row, id, rules: one
 * line per flagged row) and {@code report.html} for a council member. Flagged and bad rows are streamed
 * from the sources' temporary files, never held together.
 */
public final class VendorReportFiles {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int BAD_ROWS_SHOWN = 50;
  private static final int ORGS_SHOWN = 25;

  /** What each rule means, in plain words. */
  static final Map<String, String> MEANING = new LinkedHashMap<>();

  static {
    MEANING.put("BLANK_REASON", "The search was run with no reason typed at all.");
    MEANING.put("VAGUE_REASON", "The reason says nothing specific about a case (\"investigation\", \"inv\", \"test\").");
    MEANING.put("NON_PURPOSE_REASON", "The reason is a screen or filter label (\"Daytime search for best result\"), "
        + "not a purpose.");
    MEANING.put("PROHIBITED_PURPOSE", "The reason, offense, prompt or case number names a purpose the policy "
        + "prohibits (immigration enforcement, protected activity, reproductive care…).");
    MEANING.put("MISSING_CASE_NUMBER", "The case number is blank or a placeholder (\"n/a\", \"000\", \"tbd\").");
    MEANING.put("LOOKBACK_PAST_RETENTION", "The searched time frame starts further back than the agency says it "
        + "keeps data, so either data was kept too long or the search asked for more than it should.");
    MEANING.put("BROAD_SEARCH", "The search ran over more networks than the agency's own (other agencies' "
        + "cameras), or over far more cameras than the agency has.");
    MEANING.put("FEDERAL_OR_OUT_OF_STATE", "The search was by, or said to be for, a federal agency or an agency of "
        + "another state.");
    MEANING.put("MODERATION_FLAGGED", "The vendor's own screening blocked the search or warned about it.");
    MEANING.put("REPEATED_PLATE", "One person searched one plate on several different days within two weeks.");
  }

  /** What a rule means, in plain words, for pages that show a rule by its code; the code itself if unknown. */
  public static String meaning(String rule) {
    return MEANING.getOrDefault(rule, rule);
  }

  static final List<String> LIMITS = List.of(
      "Whether a search was lawful or justified: the export shows what was typed, not what the officer knew. A "
          + "finding is a question to ask, not a conclusion.",
      "Who the people are: exports name searchers by account or pseudonym at best, and this report names nobody.",
      "What a search found or what was done with it: exports list searches, not results.",
      "Searches missing from the export: an agency, a records officer or the vendor may have filtered, redacted or "
          + "cut rows, and portal downloads keep only the last 30 days.",
      "Time zones: times without a zone are read as UTC, as Flock writes them; months are UTC months.",
      "For a network audit, the agency's own state unless given (--agency-state), so another state's searches can "
          + "be told only when it is.",
      "Repeated searches of one plate when plates are redacted, and which cameras were searched.");

  private VendorReportFiles() {
  }

  /** Writes the three files into {@code dir}, creating it. */
  public static void write(List<SourceReport> sources, Path dir, Clock clock) throws IOException {
    Files.createDirectories(dir);
    writeJson(sources, dir.resolve("report.json"));
    writeCsv(sources, dir.resolve("findings.csv"));
    Files.writeString(dir.resolve("report.html"), html(sources, clock), StandardCharsets.UTF_8);
  }

  static void writeJson(List<SourceReport> sources, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("sources");
      g.writeStartArray();
      for (SourceReport s : sources) {
        g.writeStartObject();
        g.writeStringProperty("file", s.file());
        g.writeStringProperty("format", s.format().id());
        g.writeStringProperty("agency", s.agency());
        g.writeStringProperty("state", s.state());
        g.writeNumberProperty("rows", s.rows());
        g.writeName("badRows");
        g.writeStartArray();
        s.eachBadRow(b -> {
          g.writeStartObject();
          g.writeNumberProperty("line", b.line());
          g.writeStringProperty("message", b.message());
          g.writeEndObject();
        });
        g.writeEndArray();
        g.writeName("findings");
        g.writeStartObject();
        s.findings().forEach((rule, count) -> g.writeNumberProperty(rule, count.longValue()));
        g.writeEndObject();
        g.writeName("flagged");
        g.writeStartArray();
        s.eachFlagged(f -> {
          g.writeStartObject();
          g.writeNumberProperty("row", f.row());
          g.writeStringProperty("id", f.id());
          g.writeName("rules");
          g.writeStartArray();
          f.rules().forEach(g::writeString);
          g.writeEndArray();
          g.writeEndObject();
        });
        g.writeEndArray();
        g.writeName("sharing");
        SourceReport.SharingSummary sh = s.sharing();
        if (sh == null) {
          g.writeNull();
        } else {
          g.writeStartObject();
          g.writeNumberProperty("recipients", sh.recipients());
          g.writeNumberProperty("inState", sh.inState());
          names(g, "outOfState", sh.outOfState());
          names(g, "federal", sh.federal());
          names(g, "private", sh.privateEntities());
          names(g, "unknown", sh.unknown());
          g.writeEndObject();
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void names(JsonGenerator g, String field, List<String> names) {
    g.writeName(field);
    g.writeStartArray();
    names.forEach(g::writeString);
    g.writeEndArray();
  }

  static void writeCsv(List<SourceReport> sources, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("file,row,id,rules\r\n");
      for (SourceReport s : sources) {
        s.eachFlagged(f -> {
          try {
            w.write(csv(s.file()) + "," + f.row() + "," + csv(f.id()) + "," + csv(String.join(" ", f.rules())) + "\r\n");
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
      }
    }
  }

  /** A CSV cell, quoted when it must be, and never read as a formula by a spreadsheet. */
  static String csv(String s) {
    if (s == null) {
      return "";
    }
    String v = !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    return v.matches(".*[\",\r\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
  }

  static String html(List<SourceReport> sources, Clock clock) {
    TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    StringOutput out = new StringOutput();
    engine.render("oversight/vendor-report.jte", view(sources, clock), out);
    return out.toString();
  }

  /** The page's view of the sources. */
  public static VendorReportView view(List<SourceReport> sources, Clock clock) {
    Map<String, Long> totals = new LinkedHashMap<>();
    long rows = 0;
    long searches = 0;
    long flagged = 0;
    long bad = 0;
    List<VendorReportView.Source> out = new ArrayList<>();
    for (SourceReport s : sources) {
      rows += s.rows();
      searches += s.searches();
      flagged += s.flaggedCount();
      bad += s.badRowCount();
      s.findings().forEach((k, v) -> totals.merge(k, v, Long::sum));
      out.add(source(s));
    }
    return new VendorReportView(DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS)), rows, searches, flagged, bad, lines(totals), out,
        MEANING.entrySet().stream().map(e -> new VendorReportView.Line(e.getKey(), e.getValue(), 0)).toList(), LIMITS);
  }

  private static List<VendorReportView.Line> lines(Map<String, Long> counts) {
    return counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .map(e -> new VendorReportView.Line(e.getKey(), MEANING.getOrDefault(e.getKey(), e.getKey()), e.getValue()))
        .toList();
  }

  private static VendorReportView.Source source(SourceReport s) {
    List<VendorReportView.Line> findings = lines(s.findings());
    Map<String, Long> ruleBars = new LinkedHashMap<>();
    findings.forEach(l -> ruleBars.put(l.code(), l.count()));
    Map<String, Long> monthBars = new LinkedHashMap<>();
    List<VendorReportView.Row> months = new ArrayList<>();
    s.byMonth().forEach((m, c) -> {
      monthBars.put(m.toString(), c[0]);
      months.add(new VendorReportView.Row(m.toString(), c[0], c[1]));
    });
    List<Map.Entry<String, long[]>> orgs = s.byOrganization();
    List<VendorReportView.Row> orgRows = orgs.stream().limit(ORGS_SHOWN)
        .map(e -> new VendorReportView.Row(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    List<SourceReport.BadRow> badRows = new ArrayList<>();
    s.eachBadRow(b -> {
      if (badRows.size() < BAD_ROWS_SHOWN) {
        badRows.add(b);
      }
    });
    List<VendorReportView.Line> figures = new ArrayList<>();
    if (s.searches() > 0) {
      figures.add(new VendorReportView.Line("searches", "Searches in the file", s.searches()));
      if (s.distinctUsers() > 0) {
        figures.add(new VendorReportView.Line("users", "Different searchers (accounts)", s.distinctUsers()));
      }
      if (s.maxNetworks() > 0) {
        figures.add(new VendorReportView.Line("maxNetworks", "Most networks in one search", s.maxNetworks()));
        figures.add(new VendorReportView.Line("multiNetwork", "Searches over more than one network",
            s.multiNetworkSearches()));
      }
      if (s.maxDevices() > 0) {
        figures.add(new VendorReportView.Line("maxDevices", "Most cameras in one search", s.maxDevices()));
      }
      Duration longest = s.longestLookback();
      if (longest != null) {
        figures.add(new VendorReportView.Line("longestLookbackDays", "Longest look back, in days", longest.toDays()));
      }
      s.moderation().forEach((k, v) -> figures.add(new VendorReportView.Line("moderation." + k,
          "Vendor moderation \"" + k + "\"", v)));
    }
    return new VendorReportView.Source(s.file(), s.format().id(), s.agency(), s.state(), s.rows(), s.searches(),
        s.flaggedCount(), s.badRowCount(), badRows, findings,
        ruleBars.isEmpty() ? null : Svg.horizontalBars("Flagged searches by rule", ruleBars, "#b45309"), figures,
        orgRows, Math.max(0, orgs.size() - ORGS_SHOWN), months,
        monthBars.isEmpty() ? null : Svg.horizontalBars("Searches by month", monthBars, "#1d4ed8"), s.worst(),
        s.sharing(), s.retention() == null ? null : String.valueOf(s.retention().toDays()));
  }
}

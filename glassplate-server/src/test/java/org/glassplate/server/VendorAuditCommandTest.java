package org.glassplate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code glassplate import vendor-audit} (DESIGN.md's fixed contract): the three report files, and usage errors. */
class VendorAuditCommandTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T03:00:00Z"), ZoneOffset.UTC);

  record Run(int code, String out, String err) {
  }

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = VendorAuditCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void importsAFolderAndWritesTheReportJsonCsvAndHtml(@TempDir Path tmp) throws Exception {
    Path folder = Files.createDirectories(tmp.resolve("exports"));
    String header = "ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,"
        + "Case #,Filters,Search Time,Search Type,Text Prompt,Moderation\n";
    String frame = "\"11/13/2025, 10:00:17 PM UTC - 11/14/2025, 10:00:17 AM UTC\"";
    Files.writeString(folder.resolve("network.csv"), header
        + "n1,O1,Okaloosa County FL SO,1,104," + frame + ",ABC123,burglary 25-1,25-1,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,\n"
        + "n2,O2,[Federal] FBI Mobile,900,9000," + frame + ",ABC123,,n/a,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,block\n"
        + "n3,O2,broken row\n");
    Files.writeString(folder.resolve("partners.csv"), "Name,State,Type\nMobile AL PD,AL,Police Department\n"
        + "Pensacola FL PD,FL,Police Department\n");
    Path report = tmp.resolve("report");

    Run r = run(folder.toString(), "--agency-state", "FL", "--report", report.toString());

    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("report: " + report.resolve("report.html")), r.out());
    JsonNode json = JsonMapper.builder().build().readTree(report.resolve("report.json").toFile());
    JsonNode network = json.get("sources").get(0);
    List<String> fields = new ArrayList<>();
    network.propertyNames().forEach(fields::add);
    assertEquals(List.of("file", "format", "agency", "state", "rows", "badRows", "findings", "flagged", "sharing"),
        fields);
    assertEquals("network.csv", network.get("file").asString());
    assertEquals("flock-network", network.get("format").asString());
    assertEquals("FL", network.get("state").asString());
    assertEquals(3, network.get("rows").asInt());
    assertEquals(4, network.get("badRows").get(0).get("line").asInt());
    assertEquals("it has 3 cells where the header has 14", network.get("badRows").get(0).get("message").asString());
    assertEquals(Map.of("BLANK_REASON", 1, "BROAD_SEARCH", 1, "FEDERAL_OR_OUT_OF_STATE", 1, "MISSING_CASE_NUMBER", 1,
        "MODERATION_FLAGGED", 1), JsonMapper.builder().build().convertValue(network.get("findings"), Map.class));
    JsonNode flagged = network.get("flagged");
    assertEquals(1, flagged.size());
    assertEquals(2, flagged.get(0).get("row").asInt());
    assertEquals("n2", flagged.get(0).get("id").asString());
    assertEquals("[\"BLANK_REASON\",\"BROAD_SEARCH\",\"FEDERAL_OR_OUT_OF_STATE\",\"MISSING_CASE_NUMBER\","
        + "\"MODERATION_FLAGGED\"]", flagged.get(0).get("rules").toString());
    assertTrue(network.get("sharing").isNull());
    JsonNode partners = json.get("sources").get(1);
    assertEquals("sharing-list", partners.get("format").asString());
    assertEquals(2, partners.get("sharing").get("recipients").asInt());
    assertEquals(1, partners.get("sharing").get("inState").asInt());
    assertEquals("[\"Mobile AL PD\"]", partners.get("sharing").get("outOfState").toString());

    assertEquals(List.of("file,row,id,rules",
        "network.csv,2,n2,BLANK_REASON BROAD_SEARCH FEDERAL_OR_OUT_OF_STATE MISSING_CASE_NUMBER MODERATION_FLAGGED"),
        Files.readAllLines(report.resolve("findings.csv")));
    String html = Files.readString(report.resolve("report.html"));
    assertTrue(html.contains("data-figure=\"flagged\">1<"), "totals");
    assertTrue(html.contains("What this data cannot tell"));
    assertTrue(html.contains("<svg"), "a chart");
    assertTrue(html.contains("[Federal] FBI Mobile"), "by requesting organization");
  }

  @Test
  void usageErrorsExitTwoWithAClearMessage(@TempDir Path tmp) throws Exception {
    Path file = Files.writeString(tmp.resolve("a.csv"), "id,userId,searchDate,cameraCount,reason\n");
    Run none = run();
    assertEquals(2, none.code());
    assertTrue(none.err().contains("name at least one file or folder"), none.err());
    Run format = run(file.toString(), "--format", "csv");
    assertEquals(2, format.code());
    assertTrue(format.err().contains("--format: 'csv' is not one of"), format.err());
    Run state = run(file.toString(), "--agency-state", "XX");
    assertEquals(2, state.code());
    assertTrue(state.err().contains("--agency-state"), state.err());
    Run missing = run(tmp.resolve("nowhere.csv").toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err().contains("no such file or folder"), missing.err());
    Run option = run(file.toString(), "--frobnicate", "1");
    assertEquals(2, option.code());
    assertTrue(option.err().contains("unknown option '--frobnicate'"), option.err());
  }
}

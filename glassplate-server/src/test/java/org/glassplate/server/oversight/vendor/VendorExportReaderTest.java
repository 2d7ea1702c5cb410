package org.glassplate.server.oversight.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendor export reader and rules on small made-up files: each quirk of real exports, and broken rows. */
class VendorExportReaderTest {
  static final String HEADER = "ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,"
      + "License Plate,Reason,Case #,Filters,Search Time,Search Type,Text Prompt,Moderation\n";
  private static final VendorAudit AUDIT = VendorAudit.withDefaultPolicy();

  record Read(SourceReport report, List<VendorSearch> searches, List<List<String>> rules) {
  }

  static Read read(String content, VendorAudit.Options options) throws Exception {
    List<VendorSearch> searches = new ArrayList<>();
    List<List<String>> rules = new ArrayList<>();
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    SourceReport r = AUDIT.read("test.csv", new ByteArrayInputStream(bytes), bytes.length, options, (s, broken) -> {
      searches.add(s);
      rules.add(broken);
    }, VendorAudit.Progress.NONE);
    return new Read(r, searches, rules);
  }

  static Read read(String content) throws Exception {
    return read(content, new VendorAudit.Options(null, "FL", null, 1, null));
  }

  @Test
  void readsAByteOrderMarkAndATimeFrameOnSeveralLines() throws Exception {
    String csv = "\uFEFF" + HEADER
        + "a1,Officer 1,Okaloosa County FL SO,1,104,\"11/13/2025, 10:00:17 PM UTC -\n11/14/2025, 10:00:17 AM UTC\","
        + "ABC123,burglary suspect vehicle,25-1234,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,allow\n"
        + "a2,Officer 2,Okaloosa County FL SO,2,300,\"10/01/2025, 12:00:00 AM UTC\n–\n11/14/2025, 12:00:00 AM UTC\","
        + "XYZ9,stolen vehicle 25-77,25-77,,\"11/14/2025, 10:00:00 AM UTC\",search,,\n";
    Read again = read(csv);
    try (SourceReport r = again.report()) {
      assertEquals(VendorFormat.FLOCK_NETWORK, r.format());
      assertEquals(2, r.rows());
      assertEquals(0, r.badRowCount());
      VendorSearch first = again.searches().get(0);
      assertEquals("a1", first.id());
      assertEquals(Instant.parse("2025-11-13T22:00:17Z"), first.from());
      assertEquals(Instant.parse("2025-11-14T10:00:17Z"), first.to());
      assertEquals(Instant.parse("2025-11-14T09:53:36Z"), first.time());
      assertEquals(List.of(), again.rules().get(0), "a stated reason, a case, one network, inside 30 days");
      VendorSearch second = again.searches().get(1);
      assertEquals(2, second.row());
      assertEquals(4, second.line(), "the second record starts after the first one's two lines");
      assertEquals(Instant.parse("2025-10-01T00:00:00Z"), second.from());
      assertEquals(List.of("BROAD_SEARCH", "LOOKBACK_PAST_RETENTION"), again.rules().get(1));
    }
  }

  @Test
  void readsAnExportWithoutAHeaderByItsNumberOfColumns() throws Exception {
    String csv = "\uFEFFb1,Officer 1,Walton County FL SO,1,\"11/13/2025, 10:00:17 PM UTC - 11/14/2025, 10:00:17 AM UTC\","
        + "ABC123,investigation,n/a,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,block\n";
    Read read = read(csv);
    try (SourceReport r = read.report()) {
      assertEquals(VendorFormat.FLOCK_NETWORK, r.format());
      assertEquals(1, r.rows());
      VendorSearch s = read.searches().get(0);
      assertEquals("b1", s.id(), "the byte order mark is not part of the first cell");
      assertEquals("Walton County FL SO", s.org());
      assertNull(s.devices(), "13 columns: the late-2025 export without the device count");
      assertEquals("investigation", s.reason());
      assertEquals(List.of("MISSING_CASE_NUMBER", "MODERATION_FLAGGED", "VAGUE_REASON"), read.rules().get(0));
    }
  }

  @Test
  void redactedCellsAreNeitherBlankNorPlaceholders() throws Exception {
    String csv = HEADER
        + "c1,***,Okaloosa County FL SO,1,104,\"11/13/2025, 10:00:17 PM UTC - 11/14/2025, 10:00:17 AM UTC\","
        + "***,REDACTED,[REDACTED],,\"11/14/2025, 09:53:36 AM UTC\",lookup,,\n";
    Read read = read(csv);
    try (SourceReport r = read.report()) {
      VendorSearch s = read.searches().get(0);
      assertTrue(s.redacted().plate() && s.redacted().reason() && s.redacted().caseNumber());
      assertNull(s.plate());
      assertNull(s.user(), "a redacted name is no person");
      assertEquals(List.of(), read.rules().get(0), "redacted is not blank: the agency withheld it");
      assertEquals(0, r.badRowCount());
    }
  }

  @Test
  void readsExcelDateSerialsAndPortalDates() throws Exception {
    String csv = "id,userId,searchDate,cameraCount,reason\n"
        + "d1,u1,45975.5,94,stolen vehicle\n"
        + "d2,u1,2025-06-18 00:02:04.789,94,stolen vehicle\n"
        + "d3,u2,6/18/25 13:05,2510,stolen vehicle\n";
    Read read = read(csv);
    try (SourceReport r = read.report()) {
      assertEquals(VendorFormat.FLOCK_PORTAL_CSV, r.format());
      assertEquals(Instant.parse("2025-11-14T12:00:00Z"), read.searches().get(0).time());
      assertEquals(Instant.parse("2025-06-18T00:02:04.789Z"), read.searches().get(1).time());
      assertEquals(Instant.parse("2025-06-18T13:05:00Z"), read.searches().get(2).time());
      assertEquals(2, r.distinctUsers());
    }
  }

  @Test
  void aBrokenRowIsReportedWithItsLineAndTheGoodOnesAreKept() throws Exception {
    String good = "Okaloosa County FL SO,1,104,\"11/13/2025, 10:00:17 PM UTC - 11/14/2025, 10:00:17 AM UTC\","
        + "ABC123,theft,25-1,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,\n";
    String csv = HEADER
        + "e1,O1," + good // line 2
        + "e2,O1,Okaloosa County FL SO,many,104,,ABC123,theft,25-1,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,\n" // 3
        + "e3,O1,too,few,cells\n" // 4
        + "e4,O1,Okaloosa County FL SO,1,104,,ABC123,theft,25-1,,yesterday,lookup,,\n" // 5
        + "e5,O1," + good // 6
        + "e6,O1,Okaloosa County FL SO,1,104,\"11/13/2025,ABC123,theft\n" // 7: a quote never closed
        + "e7,O1,Okaloosa County FL SO,1,104,,ABC123,theft,25-1,,2025-11-14T09:53:36Z,lookup,,\n"; // 8
    Read read = read(csv);
    try (SourceReport r = read.report()) {
      List<SourceReport.BadRow> bad = r.badRows();
      assertEquals(List.of(3L, 4L, 5L, 7L), bad.stream().map(SourceReport.BadRow::line).toList());
      assertEquals("the networks searched is not a whole number", bad.get(0).message());
      assertEquals("it has 5 cells where the header has 14", bad.get(1).message());
      assertEquals("the search time is not a date and time this import reads", bad.get(2).message());
      assertTrue(bad.get(3).message().contains("quoted cell"), bad.get(3).message());
      assertEquals(List.of("e1", "e5", "e7"), read.searches().stream().map(VendorSearch::id).toList(),
          "the line an unclosed quote swallowed is read again");
      assertEquals(List.of(1L, 5L, 7L), read.searches().stream().map(VendorSearch::row).toList());
      assertEquals(7, r.rows());
    }
  }

  @Test
  void flagsFederalAndOutOfStateOrganizationsAndReasons() throws Exception {
    String frame = ",1,104,\"11/13/2025, 10:00:17 PM UTC - 11/14/2025, 10:00:17 AM UTC\",ABC123,";
    String end = ",25-1,,\"11/14/2025, 09:53:36 AM UTC\",lookup,,\n";
    String csv = HEADER
        + "f1,O1,[Federal] US Marshals" + frame + "fugitive warrant" + end
        + "f2,O1,Cobb County GA PD" + frame + "fugitive warrant" + end
        + "f3,O1,Walton County FL SO" + frame + "assist HSI with smuggling case" + end
        + "f4,O1,Walton County FL SO" + frame + "help us find a stolen trailer" + end
        + "f5,O1,Walton County FL SO" + frame + "request from Georgia robbery task force" + end
        + "f6,O1,Drug Enforcement Task Force" + frame + "robbery for the DEA" + end
        + "f7,O1,Walton County FL SO" + frame + "Florida robbery series" + end;
    Read read = read(csv);
    try (SourceReport r = read.report()) {
      List<Boolean> flagged = read.rules().stream().map(l -> l.contains("FEDERAL_OR_OUT_OF_STATE")).toList();
      assertEquals(List.of(true, true, true, false, true, true, false), flagged);
    }
  }

  @Test
  void flagsOnePersonSearchingOnePlateOnThreeDays() throws Exception {
    StringBuilder csv = new StringBuilder(HEADER);
    String[] days = {"11/10/2025", "11/10/2025", "11/12/2025", "11/15/2025", "11/16/2025"};
    for (int i = 0; i < days.length; i++) {
      csv.append("g").append(i).append(",Officer 7,Walton County FL SO,1,104,\"").append(days[i])
          .append(", 08:00:00 AM UTC - ").append(days[i]).append(", 09:00:00 AM UTC\",ABC 123,theft,25-1,,\"")
          .append(days[i]).append(", 09:00:00 AM UTC\",lookup,,\n");
    }
    csv.append("h1,Officer 8,Walton County FL SO,1,104,,abc123,theft,25-1,,\"11/16/2025, 09:00:00 AM UTC\",lookup,,\n");
    Read read = read(csv.toString());
    try (SourceReport r = read.report()) {
      List<Boolean> repeated = read.rules().stream().map(l -> l.contains("REPEATED_PLATE")).toList();
      assertEquals(List.of(false, false, false, true, false, false), repeated,
          "raised once, by the search on the third different day, for that person only");
      assertEquals(1L, r.findings().get("REPEATED_PLATE"));
    }
  }

  @Test
  void readsAPortalPageWithItsSharingListRetentionAndSearchAudit() throws Exception {
    String json = """
        {"agency": "Mesa Verde CA PD", "state": "CA", "retention": "14 days", "camera_count": 40,
         "sharing_outbound": ["Santa Ana CA PD", "Reno NV PD", "(Federal) HSI", {"name": "Acme Towing LLC"},
                              "Regional Task Force"],
         "sharing_inbound": ["Irvine CA PD"],
         "search_audit_csv": "id,userId,searchDate,cameraCount,reason\\np1,u1,2025-06-18 00:02:04,40,stolen car\\np2,u1,2025-06-18 00:03:04,4000,ICE detainer"}
        """;
    Read read = read(json, VendorAudit.Options.defaults());
    try (SourceReport r = read.report()) {
      assertEquals(VendorFormat.FLOCK_PORTAL_JSON, r.format());
      assertEquals("Mesa Verde CA PD", r.agency());
      assertEquals("CA", r.state());
      assertEquals(java.time.Duration.ofDays(14), r.retention(), "the portal's stated retention");
      SourceReport.SharingSummary sh = r.sharing();
      assertEquals(5, sh.recipients());
      assertEquals(1, sh.inState());
      assertEquals(List.of("Reno NV PD"), sh.outOfState());
      assertEquals(List.of("(Federal) HSI"), sh.federal());
      assertEquals(List.of("Acme Towing LLC"), sh.privateEntities());
      assertEquals(List.of("Regional Task Force"), sh.unknown());
      assertEquals(2, read.searches().size());
      assertEquals(List.of(), read.rules().get(0));
      assertTrue(read.rules().get(1).containsAll(List.of("BROAD_SEARCH", "PROHIBITED_PURPOSE",
          "FEDERAL_OR_OUT_OF_STATE")), read.rules().get(1).toString());
    }
  }

  @Test
  void formatsAreDetectedFromHeaders() throws Exception {
    try (SourceReport r = read("ID,Org_Name,Total_Networks_Searched,Total_Devices_Searched,Time_Frame_Start,"
        + "Time_Frame_End,Reason,Search_Time,Search_Type,Moderation\n").report()) {
      assertEquals(VendorFormat.OKALOOSA, r.format());
      assertEquals(0, r.rows());
    }
    try (SourceReport r = read("Name,State,Type\nBoise ID PD,ID,Police Department\n").report()) {
      assertEquals(VendorFormat.SHARING_LIST, r.format());
      assertFalse(r.sharing().outOfState().isEmpty(), "Idaho is another state than Florida");
    }
  }
}

package org.glassplate.server.oversight.vendor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.oversight.rules.Reasons;
import org.junit.jupiter.api.Test;

/**
 * The vendor audit import on the real public-records files (issue 17's acceptance): the Okaloosa
 * County organization audit and sharing table, and Eugene's portal search audit and sharing list
 * (provenance in {@code SOURCES.md} beside them). Every figure comes out of the parser and the rules.
 */
class VendorAuditImportTest {
  static final String OKALOOSA = "11_1_2025-12_8_2025-Okaloosa_County_FL_SO-Audit_EXTRACTED.csv";
  static final String OKALOOSA_SHARING = "Sharing_Agencies_EXTRACTED.csv";
  static final String EUGENE = "EPDSearchAuditLogs.csv";
  static final String EUGENE_SHARING = "EPD-2025-4987_sharing_partners_list.csv";
  private static final VendorAudit AUDIT = VendorAudit.withDefaultPolicy();

  static Path fixture(String name) {
    try {
      return Path.of(VendorAuditImportTest.class.getResource(name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static SourceReport read(String name, VendorAudit.Options options, VendorAudit.RowListener listener)
      throws Exception {
    List<SourceReport> r = AUDIT.read(List.of(fixture(name)), options, listener, VendorAudit.Progress.NONE);
    assertEquals(1, r.size());
    return r.get(0);
  }

  @Test
  void okaloosaAuditShowsLookbacksPastRetentionBlankReasonsAndSearchesAcrossThousandsOfNetworks() throws Exception {
    try (SourceReport s = read(OKALOOSA, VendorAudit.Options.defaults(), null)) {
      assertEquals(VendorFormat.OKALOOSA, s.format());
      assertEquals("Okaloosa County FL SO", s.agency());
      assertEquals("FL", s.state());
      assertEquals(7273, s.rows());
      assertEquals(7273, s.searches());
      assertEquals(0, s.badRowCount());
      assertEquals(Duration.ofDays(30), s.retention());
      assertEquals(463L, s.findings().get("LOOKBACK_PAST_RETENTION"), "searches looking back more than 30 days");
      assertEquals(524, s.longestLookback().toDays());
      assertEquals(9L, s.findings().get("BLANK_REASON"));
      assertEquals(6709, s.maxNetworks());
      assertEquals(100_034, s.maxDevices());
      assertEquals(3406, s.multiNetworkSearches());
      assertEquals(3406L, s.findings().get("BROAD_SEARCH"), "every search past the agency's own network");
      assertEquals(Map.of("allow", 172L, "block", 12L, "warn", 2L), s.moderation());
      assertEquals(14L, s.findings().get("MODERATION_FLAGGED"), "block and warn, not allow");

      // the blank reasons, by data row counted from 1 in file order (found independently with Python's csv module)
      List<Long> blank = new ArrayList<>();
      s.eachFlagged(f -> {
        if (f.rules().contains("BLANK_REASON")) {
          blank.add(f.row());
        }
      });
      assertEquals(List.of(4630L, 4931L, 4932L, 4934L, 4935L, 4937L, 4938L, 4939L, 4940L), blank);
    }
  }

  @Test
  void retentionIsSettable() throws Exception {
    VendorAudit.Options ninety = new VendorAudit.Options(null, null, Duration.ofDays(90), 1, null);
    VendorAudit.Options longest = new VendorAudit.Options(null, null, Duration.ofDays(525), 1, null);
    try (SourceReport s = read(OKALOOSA, ninety, null); SourceReport t = read(OKALOOSA, longest, null)) {
      assertEquals(Duration.ofDays(90), s.retention());
      assertEquals(47L, s.findings().get("LOOKBACK_PAST_RETENTION"), "47 searches look back more than 90 days");
      assertEquals(null, t.findings().get("LOOKBACK_PAST_RETENTION"), "none more than 525 days");
    }
  }

  @Test
  void eugenePortalAuditShowsLabelsAsReasonsTestsAndVagueReasons() throws Exception {
    Map<String, Integer> byReason = new HashMap<>();
    Map<String, Integer> flaggedAs = new HashMap<>();
    List<Long> blank = new ArrayList<>();
    VendorAudit.RowListener listener = (search, rules) -> {
      String key = Reasons.key(search.reason());
      byReason.merge(key, 1, Integer::sum);
      for (String r : rules) {
        flaggedAs.merge(key + "|" + r, 1, Integer::sum);
      }
      if (rules.contains("BLANK_REASON")) {
        blank.add(search.row());
      }
    };
    try (SourceReport s = read(EUGENE, new VendorAudit.Options(null, "OR", null, 1, null), listener)) {
      assertEquals(VendorFormat.FLOCK_PORTAL_CSV, s.format());
      assertEquals(4294, s.rows(), "4,294 records after the header (the file has no final newline)");
      assertEquals(0, s.badRowCount());
      assertEquals(147, s.distinctUsers());
      assertEquals(182, byReason.get("daytime search for best result"));
      assertEquals(182, flaggedAs.get("daytime search for best result|NON_PURPOSE_REASON"));
      assertEquals(null, flaggedAs.get("daytime search for best result|VAGUE_REASON"), "a label, not a vague reason");
      assertEquals(62, byReason.get("administrative test"));
      assertEquals(62, flaggedAs.get("administrative test|VAGUE_REASON"));
      assertEquals(5L, s.findings().get("BLANK_REASON"));
      assertEquals(List.of(887L, 891L, 906L, 918L, 1351L), blank);
      for (String vague : List.of("inv", "investigation")) {
        assertTrue(byReason.get(vague) > 0, vague);
        assertEquals(byReason.get(vague), flaggedAs.get(vague + "|VAGUE_REASON"), vague);
      }
      assertEquals(null, flaggedAs.get("property crime|VAGUE_REASON"), "a stated kind of crime is not vague");
      assertEquals(null, s.findings().get("LOOKBACK_PAST_RETENTION"), "the portal export gives no time frame");
    }
  }

  /**
   * Eugene's list (EPD-2025-4987, 59 organisations sharing Flock data with Eugene, Oregon): 24 in Oregon; 32 in
   * other states (Washington 15, Idaho 6, Utah 6, Nevada 3, Colorado 1, Ohio 1); 3 businesses whose state the
   * list leaves "??" (Home Depot, Lowe's, Oregon Community Credit Union), private by the list's Type column and
   * their names; no federal agency.
   */
  @Test
  void eugeneSharingListClassifiedAgainstOregon() throws Exception {
    try (SourceReport s = read(EUGENE_SHARING, new VendorAudit.Options(null, "OR", null, 1, null), null)) {
      assertEquals(VendorFormat.SHARING_LIST, s.format());
      assertEquals(59, s.rows());
      SourceReport.SharingSummary sh = s.sharing();
      assertEquals(59, sh.recipients());
      assertEquals(24, sh.inState());
      assertEquals(32, sh.outOfState().size());
      assertEquals(List.of(), sh.federal());
      assertEquals(List.of("Home Depot Corporation", "Lowe's Corporation", "Oregon Community Credit Union"),
          sh.privateEntities());
      assertEquals(List.of(), sh.unknown());
      assertTrue(sh.outOfState().contains("Ada County ID SO"));
    }
  }

  @Test
  void aSharingListWithNoStateOfItsOwnIsNotPlacedAgainstAnotherFilesState() throws Exception {
    List<SourceReport> both = AUDIT.read(List.of(fixture(OKALOOSA), fixture(EUGENE_SHARING)),
        VendorAudit.Options.defaults(), null, VendorAudit.Progress.NONE);
    try (SourceReport okaloosa = both.get(0); SourceReport eugene = both.get(1)) {
      assertEquals("FL", okaloosa.state());
      assertEquals(null, eugene.state(), "Eugene's list names no agency: Florida is Okaloosa's state, not Eugene's");
      assertEquals(0, eugene.sharing().inState());
      assertEquals(List.of(), eugene.sharing().outOfState());
      assertEquals(56, eugene.sharing().unknown().size(), "every public agency, its state unknown to compare with");
      assertEquals(3, eugene.sharing().privateEntities().size(), "a business is private whatever the state");
    }
  }

  /**
   * Okaloosa's table lists 858 organisations on Flock's network; 536 receive Okaloosa's network, one of which is
   * Okaloosa itself, leaving 535 recipients. Three are federal: the two the table marks "(Federal)" (Wright-
   * Patterson Air Force Base, the Postal Inspection Service) and the GSA's Office of Inspector General ("US
   * GSA…"). No name says it is a business. The rest are placed by the state code in their names ("Polk County
   * FL SO") or, for 17 state agencies, by the state's name ("Florida Highway Patrol", "Alabama Department of
   * Corrections"); two are placed by neither (CSX Railroad PD, Chatham-Savannah Counter Narcotics Team).
   */
  @Test
  void okaloosaSharingTableClassifiedAgainstFlorida() throws Exception {
    try (SourceReport s = read(OKALOOSA_SHARING, VendorAudit.Options.defaults(), null)) {
      assertEquals(VendorFormat.SHARING_LIST, s.format());
      assertEquals(858, s.rows());
      assertEquals("Okaloosa County FL SO", s.agency());
      assertEquals("FL", s.state(), "read from the agency's own name");
      SourceReport.SharingSummary sh = s.sharing();
      assertEquals(535, sh.recipients());
      assertEquals(List.of("(Federal) Wright-Patterson OH Air Force Base", "US GSA Office of Inspector General",
          "(Federal) US Postal Inspection Service").stream().sorted().toList(),
          sh.federal().stream().sorted().toList());
      assertEquals(List.of(), sh.privateEntities());
      assertEquals(List.of("CSX Railroad PD", "Chatham-Savannah Counter Narcotics Team"), sh.unknown());
      assertEquals(192, sh.inState(), "189 with FL in the name besides Okaloosa, and 3 Florida state agencies");
      assertEquals(535 - 192 - 3 - 2, sh.outOfState().size());
      assertTrue(sh.outOfState().stream().anyMatch(n -> n.endsWith(" AL PD")), "Alabama police departments");
    }
  }
}

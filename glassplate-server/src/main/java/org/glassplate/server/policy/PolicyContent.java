package org.glassplate.server.policy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one policy document says, parsed and checked: the text every reader sees and the settings
 * the software enforces. Grouped like the document, whose sections follow Civil Code 1798.90.51.
 */
public record PolicyContent(String title, String agencyName, String agencyState, String authority,
    Purposes purposes, Collection collection, Access access, Monitoring monitoring, Sharing sharing,
    Custodian custodian, String accuracy, Retention retention, List<Offense> offenses, Hotlists hotlists,
    Oversight oversight) {

  public PolicyContent {
    offenses = List.copyOf(offenses);
    oversight = oversight == null ? Oversight.DEFAULTS : oversight;
  }

  /** 1798.90.51(b)(1), and the prohibited purposes that searches are screened against (R-SRCH-2). */
  public record Purposes(List<String> authorized, List<ProhibitedPurpose> prohibited, List<String> notProhibited,
      List<String> vague) {
    public Purposes {
      authorized = List.copyOf(authorized);
      prohibited = List.copyOf(prohibited);
      notProhibited = List.copyOf(notProhibited);
      vague = List.copyOf(vague);
    }
  }

  /** What the read store keeps, and what it never collects. */
  public record Collection(List<String> collected, List<String> notCollected) {
    public Collection {
      collected = List.copyOf(collected);
      notCollected = List.copyOf(notCollected);
    }
  }

  /** 1798.90.51(b)(2): who may access, and their training. */
  public record Access(Map<String, String> roles, String contractors, String identification, String trainingCourse,
      Duration trainingValidity, int inactivityDays) {
    public Access {
      roles = Map.copyOf(roles);
    }
  }

  /** 1798.90.51(b)(3). */
  public record Monitoring(String description, String selfAudit, String misuseReport) {
  }

  /**
   * 1798.90.51(b)(4): the sharing agreements (R-SHR-1). {@code listField} is where the document lists
   * them: {@code sharing.agreements}, or {@code sharing.recipients} in a document written before
   * agreements had terms.
   */
  public record Sharing(String description, List<SharingAgreement> agreements, String listField) {
    public Sharing {
      agreements = List.copyOf(agreements);
    }

    public Sharing(String description, List<SharingAgreement> agreements) {
      this(description, agreements, "sharing.agreements");
    }
  }

  /** 1798.90.51(b)(5). */
  public record Custodian(String title, String designee, String contact) {
  }

  /** 1798.90.51(b)(7). */
  public record Retention(Duration nonHit, Duration hit, Duration maxLegalHold, Duration maxExtension,
      String description) {
  }

  /** Which hot-list sources reads are run against (R-HOT-4). */
  public record Hotlists(Set<String> sources, String description) {
    public Hotlists {
      sources = Set.copyOf(sources);
    }
  }

  /**
   * The thresholds of the misuse rules auditors review (R-GOV-4, docs/FINDINGS.md): part of the
   * published document, so that the public sees what counts as a finding. A document without an
   * {@code oversight} section, or without one of its fields, gets {@link #DEFAULTS}' value.
   *
   * @param placeholderCaseNumbers case numbers that name no case ({@code n/a}, {@code 000}): MISSING_CASE_NUMBER
   * @param vagueReasons whole reasons that say nothing specific ({@code law enforcement}): VAGUE_REASON, besides
   *     the purpose screen's vague words
   * @param nonPurposeReasons a filter or interface label typed as a reason ({@code All Cameras}): NON_PURPOSE_REASON
   * @param repeatedPlateDays REPEATED_PLATE: one person searched one plate on this many distinct days ...
   * @param repeatedPlateWithin ... within this long
   * @param retriedWithin REFUSED_THEN_RETRIED: a refused search re-run with another reason within this long
   * @param workingHoursFrom OFF_HOURS: searches before this local time of day ...
   * @param workingHoursTo ... or from this one on are off hours (from after to: hours across midnight)
   * @param highVolumeWindow HIGH_VOLUME: searches counted over this window ...
   * @param highVolumeTimesPeerMedian ... more than this many times the median of the other searchers ...
   * @param highVolumeAtLeast ... and at least this many
   * @param broadSearchWildcards BROAD_SEARCH: a pattern with at least this many wildcard characters ...
   * @param broadSearchLookbackPercent ... or a window reaching back at least this share of retention.nonHit
   * @param dormantAfter DORMANT_ACCOUNT_USE: a search by a person with no other action for this long before it
   */
  public record Oversight(List<String> placeholderCaseNumbers, List<String> vagueReasons,
      List<String> nonPurposeReasons, int repeatedPlateDays, Duration repeatedPlateWithin, Duration retriedWithin,
      LocalTime workingHoursFrom, LocalTime workingHoursTo, Duration highVolumeWindow, int highVolumeTimesPeerMedian,
      int highVolumeAtLeast, int broadSearchWildcards, int broadSearchLookbackPercent, Duration dormantAfter) {

    public static final Oversight DEFAULTS = new Oversight(
        List.of("n/a", "na", "none", "0", "000", "0000", "tbd", "tba", "unknown", "pending", "test", "x", "xx", "xxx",
            "same", "see above", "no case", "no case number"),
        List.of("investigation", "law enforcement", "law enforcement purpose", "law enforcement purposes",
            "official business", "official use", "police business", "criminal investigation",
            "ongoing investigation", "active investigation", "case", "crime"),
        List.of("all cameras", "all plates", "plate search", "plate lookup", "vehicle search", "vehicle lookup",
            "audit", "search", "lpr", "alpr", "flock", "hot list", "hotlist", "lookup", "query", "results", "all",
            "network", "statewide", "nationwide", "daytime search for best result",
            "nighttime search for best result"),
        3, Duration.ofDays(14), Duration.ofMinutes(30), LocalTime.of(6, 0), LocalTime.of(22, 0), Duration.ofDays(1),
        5, 25, 3, 90, Duration.ofDays(30));

    public Oversight {
      placeholderCaseNumbers = List.copyOf(placeholderCaseNumbers);
      vagueReasons = List.copyOf(vagueReasons);
      nonPurposeReasons = List.copyOf(nonPurposeReasons);
    }

    /** Whether a local time of day is outside the working hours. */
    public boolean offHours(LocalTime t) {
      if (workingHoursFrom.equals(workingHoursTo)) {
        return false; // every hour is a working hour
      }
      boolean inside = workingHoursFrom.isBefore(workingHoursTo)
          ? !t.isBefore(workingHoursFrom) && t.isBefore(workingHoursTo)
          : !t.isBefore(workingHoursFrom) || t.isBefore(workingHoursTo);
      return !inside;
    }
  }
}

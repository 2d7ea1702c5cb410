package org.glassplate.server.policy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one policy document says, parsed and checked: the text every reader sees and the settings
 * the software enforces. Grouped like the document, whose sections follow Civil Code 1798.90.51.
 */
public record PolicyContent(String title, String agencyName, String agencyState, String authority,
    Purposes purposes, Collection collection, Access access, Monitoring monitoring, Sharing sharing,
    Custodian custodian, String accuracy, Retention retention, List<Offense> offenses, Hotlists hotlists) {

  public PolicyContent {
    offenses = List.copyOf(offenses);
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
}

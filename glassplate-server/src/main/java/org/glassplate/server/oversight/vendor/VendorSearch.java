package org.glassplate.server.oversight.vendor;

import java.time.Duration;
import java.time.Instant;

/**
 * One search of a vendor's audit, as its export gives it; a field the export lacks or redacted is
 * null ({@code redacted} says which of plate, reason and case number were redacted).
 *
 * @param row the data row, counted from 1 in file order (bad rows count too)
 * @param line the file line it starts on
 * @param user the searcher as the export names it (Flock's Name, or the portal's pseudonymous userId)
 * @param org the requesting organization
 * @param from the start of the searched time frame
 * @param time when the search ran
 */
public record VendorSearch(long row, long line, String id, String user, String org, Long networks, Long devices,
    Instant from, Instant to, Instant time, String plate, String reason, String offense, String caseNumber,
    String filters, String searchType, String textPrompt, String moderation, boolean hasCaseColumn,
    Redacted redacted) {

  /** Which private cells the agency redacted. */
  public record Redacted(boolean plate, boolean reason, boolean caseNumber) {
    static final Redacted NONE = new Redacted(false, false, false);
  }

  /** How far before the search its time frame starts; null when the export does not say. */
  public Duration lookback() {
    return from == null || time == null ? null : Duration.between(from, time);
  }
}

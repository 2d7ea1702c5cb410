package org.glassplate.server.search.web;

import java.util.List;
import org.glassplate.server.policy.Offense;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code search/page.jte}: the policy's rules for a search, the form as submitted
 * (or its defaults), the refusal when refused, and the results with the way to page through them and
 * to keep them.
 *
 * @param invalid the form field the refusal concerns (marked and focused), or null
 * @param areaMap the agency's cameras drawn by the chart helper, to choose an area on; null without cameras
 * @param partnerAgencies the names of the partner agencies that answer us under an agreement in force: the
 *     form offers to ask them too only when there is one
 */
public record SearchView(Layout layout, Rules rules, RefusalView refusal, String invalid, Form form,
    List<Offense> offenses, List<Choice> cameras, String areaMap, List<Choice> pageSizes, Results results,
    HoldOffer hold, List<String> partnerAgencies) {

  /** Whether {@code field} is the one in error. */
  public boolean invalid(String field) {
    return field.equals(invalid);
  }

  /**
   * What the policy in force says a search may do, and the rule a pattern must meet.
   *
   * @param zone the time zone of the form's times, in words
   * @param zoneId the same zone's id, for the page's script
   */
  public record Rules(String prohibitedPurposes, String retention, int policyVersion, String patternRule,
      String zone, String zoneId) {
  }

  /**
   * The form's fields as submitted, or their defaults; {@code fromMin} is the oldest time a search may
   * reach, {@code fromMax} now (a window wholly in the future is refused), both in the agency's time zone.
   */
  public record Form(String caseNumber, String offense, String reason, String onBehalfOf, String query,
      boolean lookalike, String from, String fromMin, String fromMax, String to, List<Choice> area, boolean partners) {
  }

  /** A choice of the form: a value, its label, and whether it is chosen. */
  public record Choice(String value, String label, boolean chosen) {
  }

  /**
   * One page of a search's answer; {@code plot} is the chart helper's SVG, null when there is nothing
   * to plot. {@code previousPage} and {@code nextPage} are the page numbers the paging buttons ask for
   * (null where there is none), each another audited search with the {@code criteria} of this one.
   */
  public record Results(int count, int page, int firstRead, int lastRead, boolean more, int camerasCovered,
      long auditIndex, boolean flagged, String plot, List<Row> rows, Integer previousPage, Integer nextPage,
      List<Field> criteria, List<PartnerLine> partners, Long partnersAuditIndex) {
  }

  /**
   * What one partner agency asked did, in words: {@code answered} with {@code count} reads and the index of
   * the owner's entry in its own log, or {@code outcome} saying why not (refused, with the reason; could
   * not be reached; did not answer in time).
   */
  public record PartnerLine(String agency, String name, String status, boolean answered, int count, Long auditIndex,
      String outcome) {
  }

  /** A submitted field, carried to the next or previous page's search unchanged. */
  public record Field(String name, String value) {
  }

  /** One read. */
  public record Row(String agency, long cameraId, ShownTime time, String camera, String plate, String state,
      String vehicle) {
  }

  /** The form asking for a legal hold on the reads shown (posted to the retention feature's /holds). */
  public record HoldOffer(String searchId, int reads, String proposed, String min, String max, String maxLegalHold) {
  }
}

package org.glassplate.server.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A search as asked (DESIGN.md, {@code POST /api/v1/searches}); nothing is checked yet.
 *
 * @param plate a full plate, or null when {@code pattern} is given
 * @param pattern a partial plate: {@code *} any run, {@code ?} one character
 * @param from start of the capture-time window (required)
 * @param to end of the window (required)
 * @param caseNumber the case or incident number (required)
 * @param offense an offense code of the policy in force (required)
 * @param reason why, in the investigator's words (required)
 * @param onBehalfOf the agency the search is run for, when not this one
 * @param lookalike whether look-alike characters match (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B, 6/G)
 * @param cameras only these cameras
 * @param bbox only this area: south, west, north, east in degrees
 * @param page 1-based page number
 * @param pageSize reads per page, at most 500
 * @param partners which partner agencies to ask as well (issue 14), null for none
 */
public record SearchRequest(String plate, String pattern, Instant from, Instant to, String caseNumber, String offense,
    String reason, String onBehalfOf, Boolean lookalike, List<Long> cameras, List<Double> bbox, Integer page,
    Integer pageSize, Partners partners) {

  /** The same search without asking partners: as {@code POST /api/v1/searches} takes it without {@code partners}. */
  public SearchRequest(String plate, String pattern, Instant from, Instant to, String caseNumber, String offense,
      String reason, String onBehalfOf, Boolean lookalike, List<Long> cameras, List<Double> bbox, Integer page,
      Integer pageSize) {
    this(plate, pattern, from, to, caseNumber, offense, reason, onBehalfOf, lookalike, cameras, bbox, page, pageSize,
        null);
  }

  /**
   * The request's {@code "partners"}: {@code true} for every partner agency that answers us under an
   * agreement in force, {@code false} for none, or a list of agency ids (only those).
   *
   * @param all every partner that answers us
   * @param ids only these agency ids, when {@code all} is false; null when no partner is asked
   */
  public record Partners(boolean all, List<String> ids) {
    /** At most this many ids in a list: more cannot be agreements of one agency. */
    public static final int MAX_IDS = 50;

    public Partners {
      ids = ids == null ? null : List.copyOf(ids);
    }

    public static final Partners NONE = new Partners(false, null);
    public static final Partners ALL = new Partners(true, List.of());

    /** Whether partners are asked: true, or a list (even an empty one: the answer then lists no partner). */
    public boolean asked() {
      return all || ids != null;
    }

    /** From the JSON value: true, false, or an array of agency id strings. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Partners of(Object value) {
      if (value == null || Boolean.FALSE.equals(value)) {
        return NONE;
      }
      if (Boolean.TRUE.equals(value)) {
        return ALL;
      }
      if (value instanceof List<?> list && list.size() <= MAX_IDS) {
        List<String> ids = new ArrayList<>();
        for (Object o : list) {
          if (!(o instanceof String id) || id.isBlank()) {
            throw new IllegalArgumentException("partners is true, false or a list of agency ids");
          }
          if (!ids.contains(id.strip())) {
            ids.add(id.strip());
          }
        }
        return new Partners(false, ids);
      }
      throw new IllegalArgumentException("partners is true, false or a list of at most " + MAX_IDS + " agency ids");
    }
  }

  @Override
  public String toString() {
    return "SearchRequest[redacted]";
  }
}

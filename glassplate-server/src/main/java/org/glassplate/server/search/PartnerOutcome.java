package org.glassplate.server.search;

import java.util.List;
import org.glassplate.server.sharing.FederationResult;
import org.glassplate.server.sharing.PartnerAnswer;

/**
 * What one partner agency asked by a fan-out search did (issue 14): answered ({@code OK}, with the owner's
 * audit index of its own entry and the size of a checkpoint that covers it), refused (with the owner's
 * code, or this node's own: {@code NO_AGREEMENT}, {@code LEGAL_FLOOR}), or gave no answer
 * ({@code UNREACHABLE}, {@code TIMEOUT}). Never dropped from the answer.
 *
 * @param code the refusal's code when {@code REFUSED}, else null
 * @param field the field the refusal named, or null
 * @param message what happened, in words, when not {@code OK}
 * @param auditIndex the owner's log index of its entry of the query, when {@code OK}
 * @param checkpointSize the size of the owner's signed checkpoint given with the answer, when {@code OK}
 * @param results the reads the owner found, newest first; empty unless {@code OK}
 */
public record PartnerOutcome(String agency, FederationResult.Status status, String code, String field,
    String message, Long auditIndex, Long checkpointSize, List<PartnerAnswer.Result> results) {
  public PartnerOutcome {
    results = results == null ? List.of() : List.copyOf(results);
  }

  /** How many reads the partner answered. */
  public int count() {
    return results.size();
  }

  static PartnerOutcome of(String agency, FederationResult r) {
    if (r.status() == FederationResult.Status.OK) {
      return new PartnerOutcome(agency, r.status(), null, null, null, r.answer().auditIndex(),
          r.answer().checkpointSize(), r.answer().results());
    }
    return new PartnerOutcome(agency, r.status(), r.code(), r.field(), r.message(), null, null, List.of());
  }

  static PartnerOutcome refusedHere(String agency, String code, String message) {
    return new PartnerOutcome(agency, FederationResult.Status.REFUSED, code, null, message, null, null, List.of());
  }

  static PartnerOutcome noAnswer(String agency, FederationResult.Status status, String message) {
    return new PartnerOutcome(agency, status, null, null, message, null, null, List.of());
  }

  @Override
  public String toString() {
    return "PartnerOutcome[" + agency + ", " + status + (code == null ? "" : " " + code) + ", " + results.size()
        + " results]";
  }
}

package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PurposeScreen;
import org.glassplate.server.policy.SharingAgreement;

/**
 * What the rules judge by: the thresholds of the policy in force ({@code oversight}), its purpose
 * screen, sharing agreements and retention, the legal floor, the agency's state and time zone, and
 * the history of what came before the entry examined.
 */
public final class RuleContext {
  private final PolicyContent.Oversight thresholds;
  private final PurposeScreen screen;
  private final List<SharingAgreement> agreements;
  private final Duration retention;
  private final LegalFloor floor;
  private final String state;
  private final ZoneId zone;
  private final History history;
  private final Reasons reasons;

  public RuleContext(PolicyContent.Oversight thresholds, PurposeScreen screen, Collection<SharingAgreement> agreements,
      Duration retention, LegalFloor floor, String state, ZoneId zone, History history) {
    this.thresholds = thresholds;
    this.screen = screen;
    this.agreements = List.copyOf(agreements);
    this.retention = retention;
    this.floor = floor;
    this.state = state;
    this.zone = zone;
    this.history = history;
    this.reasons = new Reasons(thresholds, screen);
  }

  public PolicyContent.Oversight thresholds() {
    return thresholds;
  }

  PurposeScreen screen() {
    return screen;
  }

  Duration retention() {
    return retention;
  }

  LegalFloor floor() {
    return floor;
  }

  ZoneId zone() {
    return zone;
  }

  History history() {
    return history;
  }

  /** The longest any rule looks back over searches. */
  public Duration lookback() {
    Duration d = thresholds.repeatedPlateWithin();
    for (Duration other : List.of(thresholds.retriedWithin(), thresholds.highVolumeWindow())) {
      d = other.compareTo(d) > 0 ? other : d;
    }
    return d;
  }

  /** The agreement with this id or name, if the policy in force lists one. */
  Optional<SharingAgreement> agreement(String idOrName) {
    if (idOrName == null) {
      return Optional.empty();
    }
    return agreements.stream().filter(a -> a.id().equalsIgnoreCase(idOrName) || a.name().equalsIgnoreCase(idOrName))
        .findFirst();
  }

  /** Whether an agreement's agency is federal ({@code FEDERAL}), of another state ({@code OUT_OF_STATE}), or neither. */
  Optional<String> excludedKind(SharingAgreement a) {
    if (a.kind() == SharingAgreement.Kind.FEDERAL) {
      return Optional.of("FEDERAL");
    }
    return a.state() != null && !a.state().equals(state) ? Optional.of("OUT_OF_STATE") : Optional.empty();
  }

  /** Whether a case number names no case: blank, only zeros, or one of the placeholders. */
  boolean placeholderCaseNumber(String caseNumber) {
    return reasons.placeholderCaseNumber(caseNumber);
  }

  /** Whether a reason is, as a whole, one of the vague reasons of the oversight section. */
  boolean vagueReason(String reason) {
    return reasons.wholeVagueReason(reason);
  }

  /** Whether a reason is, as a whole, a filter or screen label. */
  boolean labelAsReason(String reason) {
    return reasons.label(reason);
  }
}

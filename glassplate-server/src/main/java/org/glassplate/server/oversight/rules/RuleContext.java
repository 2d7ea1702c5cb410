package org.glassplate.server.oversight.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PurposeScreen;
import org.glassplate.server.policy.SharingAgreement;

/**
 * What the rules judge by: the thresholds of the policy in force ({@code oversight}), its purpose
 * screen, sharing agreements and retention, the legal floor, the agency's state and time zone, and
 * the history of what came before the entry examined. What the purpose screen and the legal floor say
 * of a text is remembered while the context lives (the engine keeps it while the policy in force is the
 * same): searches repeat the same reasons, and screening one is the dearest part of a rule.
 */
public final class RuleContext {
  /** In a reason "us" is a pronoun far more often than the United States. */
  private static final Pattern US = Pattern.compile("\\bus\\b");
  private final PolicyContent.Oversight thresholds;
  private final PurposeScreen screen;
  private final List<SharingAgreement> agreements;
  private final Duration retention;
  private final LegalFloor floor;
  private final String state;
  private final ZoneId zone;
  private final History history;
  private final Reasons reasons;
  private final LocalClock localClock;
  /** The screen's answer for a text that names nothing. */
  private final PurposeScreen.Screening clear;
  private final Memo<PurposeScreen.Screening> prohibited = new Memo<>();
  private final Memo<PurposeScreen.Screening> prohibitedIdentifier = new Memo<>();
  private final Memo<Boolean> screenedVague = new Memo<>();
  private final Memo<Optional<LegalFloor.Excluded>> excluded = new Memo<>();
  private final Memo<Boolean> reasonNamesFederal = new Memo<>();
  private final Memo<Boolean> vagueAsWhole = new Memo<>();
  private final Memo<Boolean> label = new Memo<>();

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
    this.clear = screen.prohibitedIn(null);
    this.localClock = new LocalClock(zone);
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

  /** The agency's local days and times (one per context, which one thread uses at a time). */
  LocalClock localClock() {
    return localClock;
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
    return vagueAsWhole.get(reason == null ? "" : reason, reasons::wholeVagueReason);
  }

  /** Whether a reason is, as a whole, a filter or screen label. */
  boolean labelAsReason(String reason) {
    return label.get(reason == null ? "" : reason, reasons::label);
  }

  /** {@link PurposeScreen#prohibitedIn} of the screen in force. */
  PurposeScreen.Screening prohibitedIn(String text) {
    return text == null ? screen.prohibitedIn(null) : prohibited.get(text, screen::prohibitedIn);
  }

  /** {@link PurposeScreen#prohibitedInIdentifier} of the screen in force. */
  PurposeScreen.Screening prohibitedInIdentifier(String identifier) {
    if (identifier != null && screen.clearIdentifier(identifier)) {
      return clear; // nearly every case number, and each is new: nothing to remember
    }
    return identifier == null ? screen.prohibitedInIdentifier(null)
        : prohibitedIdentifier.get(identifier, screen::prohibitedInIdentifier);
  }

  /** Whether the screen in force calls a reason (with no offense) vague. */
  boolean screenedVague(String reason) {
    return reason == null ? screen.screen("", null).vague()
        : screenedVague.get(reason, r -> screen.screen("", r).vague());
  }

  /** {@link LegalFloor#excludedNamedIn} of the legal floor. */
  Optional<LegalFloor.Excluded> excludedNamedIn(String agencyName) {
    return agencyName == null ? floor.excludedNamedIn(null) : excluded.get(agencyName, floor::excludedNamedIn);
  }

  /** Whether a reason names a federal agency as the legal floor reads agency names ("us" read as a pronoun). */
  boolean reasonNamesFederal(String reason) {
    return reasonNamesFederal.get(reason == null ? "" : reason,
        r -> floor.excludedNamedIn(US.matcher(Words.key(r)).replaceAll(" "))
            .filter(k -> k == LegalFloor.Excluded.FEDERAL).isPresent());
  }

  /** What a pure function of a text gave, for at most {@value #MAX} texts at a time. */
  private static final class Memo<V> {
    private static final int MAX = 20_000;
    private final Map<String, V> known = new HashMap<>();

    V get(String text, Function<String, V> f) {
      V v = known.get(text);
      if (v == null) {
        if (known.size() >= MAX) {
          known.clear(); // bounded: distinct case numbers are as many as searches
        }
        v = f.apply(text);
        known.put(text, v);
      }
      return v;
    }
  }
}

package org.glassplate.server.oversight.vendor;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.glassplate.server.oversight.rules.Reasons;
import org.glassplate.server.policy.LegalFloor;
import org.glassplate.server.policy.PolicyContent;

/**
 * The misuse rules over one vendor audit's searches (R-GOV-4, R-GOV-5), with the ids of the rules over
 * Glassplate's own log where they apply (VAGUE_REASON, NON_PURPOSE_REASON, PROHIBITED_PURPOSE,
 * MISSING_CASE_NUMBER, BROAD_SEARCH, FEDERAL_OR_OUT_OF_STATE, REPEATED_PLATE), judged by the same
 * {@link Reasons} and the policy's {@code oversight} thresholds, and the vendor's own: BLANK_REASON,
 * LOOKBACK_PAST_RETENTION and MODERATION_FLAGGED. One instance per source: REPEATED_PLATE remembers
 * the days on which each person searched each plate.
 */
final class VendorRules {
  /** Every rule id, as the report explains them. */
  static final List<String> IDS = List.of("BLANK_REASON", "BROAD_SEARCH", "FEDERAL_OR_OUT_OF_STATE",
      "LOOKBACK_PAST_RETENTION", "MISSING_CASE_NUMBER", "MODERATION_FLAGGED", "NON_PURPOSE_REASON",
      "PROHIBITED_PURPOSE", "REPEATED_PLATE", "VAGUE_REASON");
  /** A search reaching more than this many times the agency's own cameras is broad. */
  static final int DEVICES_FACTOR = 2;
  private static final List<String> MODERATION_PASSED = List.of("allow", "allowed", "pass", "passed", "ok");

  /** What the rules judge a source by. */
  record Settings(Duration retention, String agencyState, long ownNetworks, Long ownDevices) {
  }

  private final Reasons reasons;
  private final PolicyContent.Oversight thresholds;
  private final Settings settings;
  /**
   * Person and plate to the days they searched it within the window (REPEATED_PLATE): the most recently
   * searched {@link #PAIRS} pairs, so that memory stays flat however many plates an export holds.
   */
  private final Map<String, TreeSet<LocalDate>> plateDays = bounded(PAIRS);
  static final int PAIRS = 100_000;
  /** Remembered answers, bounded: exports repeat the same few hundred reasons and organizations. */
  private final Map<String, List<String>> byText = bounded(20_000);
  private final Map<String, Boolean> byOrg = bounded(20_000);
  private final Map<String, Boolean> byCase = bounded(20_000);

  private static <V> Map<String, V> bounded(int size) {
    return new LinkedHashMap<>(1024, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > size;
      }
    };
  }

  VendorRules(Reasons reasons, PolicyContent.Oversight thresholds, Settings settings) {
    this.reasons = reasons;
    this.thresholds = thresholds;
    this.settings = settings;
  }

  Settings settings() {
    return settings;
  }

  /** The rules a search breaks, by id, in id order. */
  List<String> examine(VendorSearch s) {
    TreeSet<String> out = new TreeSet<>();
    String textKey = s.reason() + "\u0000" + s.offense() + "\u0000" + s.textPrompt();
    out.addAll(byText.computeIfAbsent(textKey, k -> textRules(s)));
    String caseNumber = s.caseNumber();
    if (s.hasCaseColumn() && !s.redacted().caseNumber() && reasons.placeholderCaseNumber(caseNumber)) {
      out.add("MISSING_CASE_NUMBER");
    }
    // a case number of digits and dashes names no purpose: only one with letters is screened
    if (caseNumber != null && caseNumber.chars().anyMatch(Character::isLetter)
        && byCase.computeIfAbsent(caseNumber, c -> reasons.prohibited(null, c).isPresent())) {
      out.add("PROHIBITED_PURPOSE");
    }
    if (s.org() != null && byOrg.computeIfAbsent(s.org(), this::federalOrOutOfStateOrg)) {
      out.add("FEDERAL_OR_OUT_OF_STATE");
    }
    Duration lookback = s.lookback();
    if (lookback != null && lookback.compareTo(settings.retention()) > 0) {
      out.add("LOOKBACK_PAST_RETENTION");
    }
    if (s.networks() != null && s.networks() > settings.ownNetworks()
        || s.devices() != null && settings.ownDevices() != null
        && s.devices() > settings.ownDevices() * DEVICES_FACTOR) {
      out.add("BROAD_SEARCH");
    }
    if (s.moderation() != null && !MODERATION_PASSED.contains(s.moderation().strip().toLowerCase(Locale.ROOT))) {
      out.add("MODERATION_FLAGGED");
    }
    if (repeatedPlate(s)) {
      out.add("REPEATED_PLATE");
    }
    return List.copyOf(out);
  }

  /** The rules that judge what was typed: the same words always get the same answer, so it is remembered. */
  private List<String> textRules(VendorSearch s) {
    List<String> out = new ArrayList<>();
    String reason = s.reason();
    if (reason != null) { // null: the export has no reason column, or the agency redacted it
      if (reason.isBlank()) {
        out.add("BLANK_REASON");
      } else if (reasons.label(reason)) {
        out.add("NON_PURPOSE_REASON");
      } else if (reasons.vague(reason)) {
        out.add("VAGUE_REASON");
      }
    }
    String purpose = String.join(" ", nonNull(reason), nonNull(s.offense()), nonNull(s.textPrompt()));
    if (reasons.prohibited(purpose, null).isPresent()) {
      out.add("PROHIBITED_PURPOSE");
    }
    if (federalOrOutOfStateReason(reason)) {
      out.add("FEDERAL_OR_OUT_OF_STATE");
    }
    return List.copyOf(out);
  }

  /** A requesting organization that is federal or of another state. */
  private boolean federalOrOutOfStateOrg(String org) {
    if (org.toLowerCase(Locale.ROOT).matches("^\\s*[\\[(]federal[\\])].*")
        || LegalFloor.federalOrPrivateNamedIn(org).filter(k -> k == LegalFloor.Excluded.FEDERAL).isPresent()) {
      return true;
    }
    Optional<String> state = UsStates.in(org);
    return state.isPresent() && settings.agencyState() != null && !state.get().equals(settings.agencyState());
  }

  /** A reason saying the search was for a federal agency or one of another state. */
  private boolean federalOrOutOfStateReason(String reason) {
    if (reason == null || reason.isBlank()) {
      return false;
    }
    // In a reason "us" is a pronoun far more often than the United States (as the rule over our own log reads it).
    String words = Reasons.key(reason).replaceAll("\\bus\\b", " ");
    if (LegalFloor.federalOrPrivateNamedIn(words).filter(k -> k == LegalFloor.Excluded.FEDERAL).isPresent()) {
      return true;
    }
    Optional<String> named = UsStates.named(reason);
    return named.isPresent() && settings.agencyState() != null && !named.get().equals(settings.agencyState());
  }

  /**
   * The search that brings the distinct days on which one person searched one plate, within
   * {@code repeatedPlate.within}, to {@code repeatedPlate.days} (as the rule over our own log counts).
   */
  private boolean repeatedPlate(VendorSearch s) {
    if (s.plate() == null || s.user() == null || s.time() == null) {
      return false;
    }
    StringBuilder key = new StringBuilder(s.plate().length());
    s.plate().codePoints().filter(Character::isLetterOrDigit).map(Character::toUpperCase).forEach(key::appendCodePoint);
    String plate = key.toString();
    if (plate.isEmpty()) {
      return false;
    }
    LocalDate day = LocalDate.ofInstant(s.time(), ZoneOffset.UTC);
    TreeSet<LocalDate> days = plateDays.computeIfAbsent(s.user() + "\u0000" + plate, k -> new TreeSet<>());
    Instant since = s.time().minus(thresholds.repeatedPlateWithin());
    days.removeIf(d -> d.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(86_399).isBefore(since));
    boolean newDay = days.add(day);
    return newDay && days.size() == thresholds.repeatedPlateDays();
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}

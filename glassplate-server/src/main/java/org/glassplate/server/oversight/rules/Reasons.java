package org.glassplate.server.oversight.rules;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PurposeScreen;

/**
 * How the misuse rules judge a typed reason or case number (R-GOV-4), by the policy's
 * {@code oversight} section and purpose screen: the one judgement the rules over Glassplate's own log
 * and the vendor audit import (R-GOV-5) share.
 */
public final class Reasons {
  private final PurposeScreen screen;
  private final Set<String> placeholders;
  private final Set<String> vague;
  private final Set<String> labels;

  public Reasons(PolicyContent.Oversight thresholds, PurposeScreen screen) {
    this.screen = screen;
    this.placeholders = thresholds.placeholderCaseNumbers().stream().map(Reasons::caseKey)
        .collect(Collectors.toUnmodifiableSet());
    this.vague = Words.keys(thresholds.vagueReasons());
    this.labels = Words.keys(thresholds.nonPurposeReasons());
  }

  /** A reason as the rules compare it: case, accents and punctuation dropped. */
  public static String key(String reason) {
    return Words.key(reason);
  }

  /** A case number as compared: lower-case letters and digits only. */
  static String caseKey(String caseNumber) {
    if (caseNumber == null) {
      return "";
    }
    StringBuilder k = new StringBuilder(caseNumber.length());
    for (int i = 0; i < caseNumber.length(); i++) {
      char c = caseNumber.charAt(i);
      if (c >= 0x80) {
        return Words.key(caseNumber).replace(" ", "");
      }
      if (c >= 'A' && c <= 'Z') {
        k.append((char) (c + ('a' - 'A')));
      } else if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
        k.append(c);
      }
    }
    return k.toString(); // what the key of plain ASCII is without its spaces, without building the key
  }

  /** Whether a case number names no case: blank, only zeros, or one of the placeholders (MISSING_CASE_NUMBER). */
  public boolean placeholderCaseNumber(String caseNumber) {
    String k = caseKey(caseNumber);
    return onlyZeros(k) || placeholders.contains(k);
  }

  /** Whether a key is empty or only zeros. */
  private static boolean onlyZeros(String k) {
    for (int i = 0; i < k.length(); i++) {
      if (k.charAt(i) != '0') {
        return false;
      }
    }
    return true;
  }

  /** Whether a reason is, as a whole, a filter or screen label (NON_PURPOSE_REASON). */
  public boolean label(String reason) {
    return labels.contains(Words.key(reason));
  }

  /** Whether a reason is, as a whole, one of the oversight section's vague reasons. */
  boolean wholeVagueReason(String reason) {
    return vague.contains(Words.key(reason));
  }

  /**
   * Whether a stated reason says nothing specific (VAGUE_REASON): the purpose screen calls it vague or
   * it is one of the vague reasons; a label typed as the reason is NON_PURPOSE_REASON instead, and a
   * blank reason is neither.
   */
  public boolean vague(String reason) {
    if (reason == null || reason.isBlank() || label(reason)) {
      return false;
    }
    return screen.screen("", reason).vague() || wholeVagueReason(reason);
  }

  /** The prohibited purpose a text names (PROHIBITED_PURPOSE), by category; a case number is read as an identifier. */
  public Optional<String> prohibited(String reason, String caseNumber) {
    PurposeScreen.Screening s = screen.prohibitedIn(reason);
    if (!s.prohibited()) {
      s = screen.prohibitedInIdentifier(caseNumber);
    }
    return s.prohibited() ? Optional.of(s.category()) : Optional.empty();
  }
}

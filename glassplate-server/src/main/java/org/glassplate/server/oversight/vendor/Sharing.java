package org.glassplate.server.oversight.vendor;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.glassplate.server.policy.LegalFloor;

/**
 * Classifies the organisations on an agency's sharing list against the legal floor's categories
 * (R-SHR-2, R-GOV-5): federal (marked "(Federal)" or named as a federal agency), private (a business
 * by the list's type column or its name), in-state or out-of-state (by the list's state column, else
 * the state its name carries, against the agency's own), or unknown when nothing says.
 */
final class Sharing {
  enum Kind { IN_STATE, OUT_OF_STATE, FEDERAL, PRIVATE, UNKNOWN }

  private Sharing() {
  }

  static Kind classify(String name, String stateCell, String type, String agencyState) {
    String lower = name.toLowerCase(Locale.ROOT);
    Optional<LegalFloor.Excluded> named = LegalFloor.federalOrPrivateNamedIn(name);
    if (lower.matches("^\\s*[\\[(]federal[\\])].*") || named.filter(k -> k == LegalFloor.Excluded.FEDERAL).isPresent()
        || type != null && type.toLowerCase(Locale.ROOT).contains("federal")) {
      return Kind.FEDERAL;
    }
    if (type != null && List.of("private", "business", "company", "corporation").stream()
        .anyMatch(type.toLowerCase(Locale.ROOT)::contains) || named.isPresent()) {
      return Kind.PRIVATE;
    }
    Optional<String> state = UsStates.code(stateCell).or(() -> UsStates.in(name));
    if (state.isEmpty() || agencyState == null) {
      return Kind.UNKNOWN;
    }
    return state.get().equals(agencyState) ? Kind.IN_STATE : Kind.OUT_OF_STATE;
  }
}

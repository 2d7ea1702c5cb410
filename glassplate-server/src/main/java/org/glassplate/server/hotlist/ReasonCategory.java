package org.glassplate.server.hotlist;

import java.util.Locale;

/**
 * Why a plate is on a list: a category, never free text, so that it can be shown to operators and
 * counted publicly without exposing a narrative (R-AUD-4).
 */
public enum ReasonCategory {
  STOLEN_VEHICLE("Stolen vehicle"),
  STOLEN_PLATE("Stolen plate"),
  FELONY_VEHICLE("Vehicle wanted in a felony"),
  WANTED_PERSON("Wanted person (warrant)"),
  MISSING_PERSON("Missing person"),
  AMBER_ALERT("AMBER alert"),
  SILVER_ALERT("Silver alert"),
  PROTECTION_ORDER("Protection order"),
  OTHER("Other");

  private final String label;

  ReasonCategory(String label) {
    this.label = label;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String label() {
    return label;
  }

  public static ReasonCategory parse(String code) {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("reason is required");
    }
    String c = code.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    for (ReasonCategory r : values()) {
      if (r.code().equals(c)) {
        return r;
      }
    }
    throw new IllegalArgumentException("reason must be one of: stolen_vehicle, stolen_plate, felony_vehicle, "
        + "wanted_person, missing_person, amber_alert, silver_alert, protection_order, other");
  }
}

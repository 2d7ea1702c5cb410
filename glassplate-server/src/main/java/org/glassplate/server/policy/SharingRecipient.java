package org.glassplate.server.policy;

import java.util.Locale;

/**
 * An agency the policy allows ALPR information to be shared with (Civil Code 1798.90.51(b)(4)).
 * Whether it may be is for {@link LegalFloor} to say, whatever the document lists.
 *
 * @param id a short stable slug, e.g. {@code sacramento-pd}
 * @param name the agency's public name
 * @param state the two-letter state the agency belongs to
 * @param type what kind of entity it is
 * @param agreement the reference of the written sharing agreement, or null
 */
public record SharingRecipient(String id, String name, String state, Type type, String agreement) {

  /** Kinds of recipient. Only public agencies of the agency's own state pass the California floor. */
  public enum Type {
    CITY, COUNTY, STATE, SPECIAL_DISTRICT, FEDERAL, PRIVATE;

    /** The YAML spelling: lower case with dashes, e.g. {@code special-district}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Type fromYaml(String s) {
      for (Type t : values()) {
        if (t.yamlName().equals(s)) {
          return t;
        }
      }
      return null;
    }
  }

  public SharingRecipient {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("recipient id must be 1 to 64 of a-z, 0-9 and -");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("recipient name is required");
    }
    if (state == null || !state.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("recipient state must be a two-letter code");
    }
    if (type == null) {
      throw new IllegalArgumentException("recipient type is required");
    }
  }
}

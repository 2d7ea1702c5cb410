package org.glassplate.server.policy;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Agency;
import org.springframework.stereotype.Component;

/**
 * The legal floor, in code so that no policy document can lower it (R-SHR-2). For a California
 * agency: ALPR information goes only to California public agencies (Civil Code 1798.90.55(b); DOJ
 * bulletin 2023-DLE-06), never to federal agencies (also Government Code 7284.6, SB 54) or private
 * entities, and the policy must keep prohibiting immigration enforcement and action against lawful
 * reproductive health care (R-SRCH-2): no field of the document can switch the required terms off
 * (the category lacks them, {@code notProhibited} hides them, {@code authorized} names them), and
 * the purpose screen applies them even so ({@link PurposeScreen}). Refusals are 403
 * {@code LEGAL_FLOOR} and name the statute. Agencies of other states have no floor in code yet.
 */
@Component
public class LegalFloor {
  static final String OUT_OF_STATE = "Civil Code 1798.90.55(b) and DOJ bulletin 2023-DLE-06: a California agency "
      + "may not share ALPR information with an out-of-state agency";
  static final String FEDERAL = "Civil Code 1798.90.55(b), DOJ bulletin 2023-DLE-06 and Government Code 7284.6 (SB 54): "
      + "a California agency may not share ALPR information with a federal agency";
  static final String PRIVATE = "Civil Code 1798.90.55(b): ALPR information may be shared only with public agencies, "
      + "never with a private entity";
  static final String IMMIGRATION = "Government Code 7284.6 (SB 54): the policy must prohibit use for immigration "
      + "enforcement (category IMMIGRATION, with at least the terms ";
  static final String REPRODUCTIVE = "Penal Code 13778.2 (AB 1242): the policy must prohibit use against lawful "
      + "reproductive health care (category REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE, with at least the terms ";

  /** Terms the California floor requires in each category (as screened: they must match these words). */
  static final List<String> IMMIGRATION_TERMS = List.of("ICE", "HSI", "CBP", "ERO", "DHS", "immigration", "deportation");
  static final List<String> REPRODUCTIVE_TERMS = List.of("abortion", "reproductive");

  /**
   * Phrases with a required term in them that are not a prohibited purpose, which a policy may list
   * under {@code purposes.notProhibited}. No other phrase may hide a required term: the floor's
   * terms cannot be switched off by the document.
   */
  static final List<String> INNOCENT_PHRASES = List.of("ice cream", "dry ice", "black ice", "shaved ice", "ice rink",
      "ice skating", "ice skate", "ice skates", "ice chest", "ice machine", "ice maker", "ice pick", "ice hockey",
      "ice storm", "ice cube", "ice cubes", "ice pack", "ice bucket", "ice water", "ice cold");
  private static final Set<String> INNOCENT = INNOCENT_PHRASES.stream()
      .map(p -> String.join(" ", PurposeScreen.tokens(p))).collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final Set<String> FEDERAL_WORDS = Set.of("fbi", "dea", "atf", "usms", "ice", "hsi", "cbp", "dhs",
      "ero", "uscis", "federal", "ncis", "irs", "usps", "tsa", "cia", "nsa", "usdoj", "us", "usa");
  private static final List<List<String>> FEDERAL_PHRASES = List.of(List.of("united", "states"),
      List.of("border", "patrol"), List.of("homeland", "security"), List.of("secret", "service"),
      List.of("marshals", "service"), List.of("postal", "inspection"));
  private static final Set<String> PRIVATE_WORDS = Set.of("inc", "llc", "corp", "corporation", "company", "ltd",
      "lp", "llp", "insurance", "repossession", "repo", "towing", "security", "private");
  private static final List<String> OTHER_STATES = List.of("alabama", "alaska", "arizona", "arkansas", "colorado",
      "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho", "illinois", "indiana", "iowa", "kansas",
      "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota", "mississippi",
      "missouri", "montana", "nebraska", "nevada", "new hampshire", "new jersey", "new mexico", "new york",
      "north carolina", "north dakota", "ohio", "oklahoma", "oregon", "pennsylvania", "rhode island",
      "south carolina", "south dakota", "tennessee", "texas", "utah", "vermont", "virginia", "washington",
      "west virginia", "wisconsin", "wyoming", "district of columbia", "puerto rico", "guam");
  /** California places whose names contain another state's name. */
  private static final List<String> CALIFORNIA_NAMES = List.of("nevada county", "nevada city");

  private final Agency agency;

  public LegalFloor(Agency agency) {
    this.agency = agency;
  }

  /** Whether the California floor applies to this installation. */
  public boolean californian() {
    return "CA".equals(agency.state());
  }

  /** Refuses a partner the floor forbids, whatever the policy says. */
  public void requirePermittedRecipient(SharingAgreement r) {
    violation(r).ifPresent(rule -> {
      throw refused(rule, null);
    });
  }

  /** The rule a partner breaks, if any. */
  public Optional<String> violation(SharingAgreement r) {
    if (!californian()) {
      return Optional.empty();
    }
    if (r.kind() == SharingAgreement.Kind.FEDERAL) {
      return Optional.of(FEDERAL);
    }
    if (r.kind() == SharingAgreement.Kind.PRIVATE) {
      return Optional.of(PRIVATE);
    }
    if (!agency.state().equals(r.state())) {
      return Optional.of(OUT_OF_STATE);
    }
    return Optional.empty();
  }

  /**
   * Refuses a policy that breaks the floor: a sharing partner it forbids, or a prohibited purpose the law
   * requires that is missing or weakened. The refusal names the statute and the field.
   */
  void check(PolicyContent content) {
    if (!californian()) {
      return;
    }
    List<SharingAgreement> agreements = content.sharing().agreements();
    String list = content.sharing().listField();
    for (int i = 0; i < agreements.size(); i++) {
      String at = list + "[" + i + "]";
      SharingAgreement a = agreements.get(i);
      violation(a).ifPresent(rule -> {
        throw refused(rule + " (" + at + " is " + describe(a) + ")", "document." + at);
      });
    }
    requireCategory(content, "IMMIGRATION", IMMIGRATION_TERMS, IMMIGRATION);
    requireCategory(content, "REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE", REPRODUCTIVE_TERMS, REPRODUCTIVE);
    List<String> notProhibited = content.purposes().notProhibited();
    for (int i = 0; i < notProhibited.size(); i++) {
      int index = i;
      floorTermHiddenBy(notProhibited.get(i)).ifPresent(rule -> {
        throw refused(rule + "; purposes.notProhibited[" + index + "] would allow one of them, and only these phrases "
            + "with a required term may be listed there: " + String.join(", ", INNOCENT_PHRASES),
            "document.purposes.notProhibited[" + index + "]");
      });
    }
    PurposeScreen floorScreen = PurposeScreen.of(List.of(), List.of(), List.of(), requiredPurposes(agency.state()));
    List<String> authorized = content.purposes().authorized();
    for (int i = 0; i < authorized.size(); i++) {
      PurposeScreen.Screening s = floorScreen.prohibitedIn(authorized.get(i));
      if (s.prohibited()) {
        throw refused(ruleOf(s.category()) + "; purposes.authorized[" + i + "] names one of them",
            "document.purposes.authorized[" + i + "]");
      }
    }
  }

  /** The required prohibition a policy category must carry, with all the floor's terms in it. */
  private void requireCategory(PolicyContent content, String category, List<String> terms, String rule) {
    List<ProhibitedPurpose> own = content.purposes().prohibited().stream()
        .filter(p -> p.category().equals(category)).toList();
    PurposeScreen screen = PurposeScreen.of(own, List.of(), List.of());
    for (String t : terms) {
      if (!screen.prohibitedIn(t).prohibited()) {
        throw refused(rule + String.join(", ", terms) + ")", "document.purposes.prohibited");
      }
    }
  }

  /**
   * The rule broken when a phrase listed as not prohibited would hide a term the floor requires:
   * it hides the term itself (ICE, "ice*", "I.C.E."), or holds one in a phrase the floor does not
   * know to be innocent ("ICE agent").
   */
  private Optional<String> floorTermHiddenBy(String phrase) {
    for (ProhibitedPurpose p : requiredPurposes(agency.state())) {
      PurposeScreen alone = PurposeScreen.of(List.of(p), List.of(phrase), List.of());
      for (String t : p.terms()) {
        if (!alone.prohibitedIn(t).prohibited()) {
          return Optional.of(ruleOf(p.category()));
        }
      }
      if (PurposeScreen.of(List.of(p), List.of(), List.of()).prohibitedIn(phrase).prohibited() && !innocentPhrase(phrase)) {
        return Optional.of(ruleOf(p.category()));
      }
    }
    return Optional.empty();
  }

  /** The statute and the required terms of a floor category. */
  private static String ruleOf(String category) {
    return category.equals("IMMIGRATION") ? IMMIGRATION + String.join(", ", IMMIGRATION_TERMS) + ")"
        : REPRODUCTIVE + String.join(", ", REPRODUCTIVE_TERMS) + ")";
  }

  /**
   * The prohibited purposes that the law of a state requires, whatever a policy document says:
   * for California, immigration enforcement and action against lawful reproductive health care.
   */
  static List<ProhibitedPurpose> requiredPurposes(String state) {
    if (!"CA".equals(state)) {
      return List.of();
    }
    return List.of(
        new ProhibitedPurpose("IMMIGRATION", "Immigration enforcement (Government Code 7284.6, SB 54).",
            IMMIGRATION_TERMS),
        new ProhibitedPurpose("REPRODUCTIVE_OR_GENDER_AFFIRMING_CARE",
            "Seeking, providing or helping with reproductive health care (Penal Code 13778.2, AB 1242).",
            REPRODUCTIVE_TERMS));
  }

  /** Whether a phrase is one the floor lets a policy list as not prohibited although it holds a required term. */
  static boolean innocentPhrase(String phrase) {
    String p = phrase.trim();
    return !p.endsWith("*") && INNOCENT.contains(String.join(" ", PurposeScreen.tokens(p)));
  }

  /** What kind of recipient the floor excludes a free-text agency name names. */
  public enum Excluded { FEDERAL, PRIVATE, OUT_OF_STATE }

  /**
   * The floor's judgement of a free-text agency name a search is run on behalf of: the rule it
   * breaks if it names a federal, out-of-state or private entity.
   */
  public Optional<String> onBehalfOfViolation(String agencyName) {
    return excludedNamedIn(agencyName).map(k -> switch (k) {
      case FEDERAL -> FEDERAL;
      case PRIVATE -> PRIVATE;
      case OUT_OF_STATE -> OUT_OF_STATE;
    });
  }

  /**
   * Whether a free-text agency name names a federal entity, a private one or one of another state, as
   * the floor reads it (misuse findings read reasons and agency names with it too, R-GOV-4); empty
   * where the floor does not apply.
   */
  public Optional<Excluded> excludedNamedIn(String agencyName) {
    if (!californian() || agencyName == null) {
      return Optional.empty();
    }
    Optional<Excluded> kind = federalOrPrivateNamedIn(agencyName);
    if (kind.isPresent()) {
      return kind;
    }
    List<String> words = PurposeScreen.tokens(agencyName);
    String joined = " " + String.join(" ", words) + " ";
    for (String ca : CALIFORNIA_NAMES) {
      joined = joined.replace(" " + ca + " ", " ");
    }
    for (String state : OTHER_STATES) {
      if (joined.contains(" " + state + " ")) {
        return Optional.of(Excluded.OUT_OF_STATE);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a free-text name names a federal entity (a federal word or abbreviation such as FBI, ICE,
   * HSI, or a phrase such as "Homeland Security") or a private one (Inc, LLC, Corporation…), whatever
   * the agency's state: the vendor audit import (R-GOV-5) classifies other agencies' recipients with
   * it and judges states itself.
   */
  public static Optional<Excluded> federalOrPrivateNamedIn(String name) {
    if (name == null) {
      return Optional.empty();
    }
    List<String> words = PurposeScreen.tokens(name);
    if (words.stream().anyMatch(FEDERAL_WORDS::contains) || FEDERAL_PHRASES.stream().anyMatch(p -> contains(words, p))) {
      return Optional.of(Excluded.FEDERAL);
    }
    if (words.stream().anyMatch(PRIVATE_WORDS::contains)) {
      return Optional.of(Excluded.PRIVATE);
    }
    return Optional.empty();
  }

  static Refusal refused(String rule, String field) {
    return new Refusal(PolicyRefusal.LEGAL_FLOOR, "refused by the legal floor: " + rule, field);
  }

  private static boolean contains(List<String> words, List<String> phrase) {
    for (int i = 0; i + phrase.size() <= words.size(); i++) {
      if (words.subList(i, i + phrase.size()).equals(phrase)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(SharingAgreement r) {
    return switch (r.kind()) {
      case FEDERAL -> "federal";
      case PRIVATE -> "private";
      default -> "in " + r.state();
    };
  }
}

package org.glassplate.server.policy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.glassplate.log.note.NoteVerifier;
import org.glassplate.log.note.WitnessKey;

/**
 * A sharing agreement with a partner agency: an entry of the policy document's sharing section
 * (R-SHR-1, Civil Code 1798.90.51(b)(4)), so that two administrators, and for an expansion a
 * governing-body approval, stand behind it like any other rule of the policy. Whether the partner may
 * be shared with at all is for {@link LegalFloor} to say, whatever the document lists.
 *
 * <p>Documents written before agreements had terms list {@code sharing.recipients} with only the
 * agency and a reference; such an entry has {@code terms} null: it names the agency on the public
 * page, and no node is linked to it.
 *
 * @param id a short stable slug, e.g. {@code sacramento-pd}
 * @param name the agency's public name
 * @param state the two-letter state the agency belongs to
 * @param kind what kind of entity it is
 * @param reference the reference of the written agreement (null only in an older recipient entry)
 * @param terms what is exchanged, with whom and when; null for an older recipient entry
 */
public record SharingAgreement(String id, String name, String state, Kind kind, String reference, Terms terms) {

  /** Kinds of partner. Only public agencies of the agency's own state pass the California floor. */
  public enum Kind {
    LOCAL, STATE_AGENCY, FEDERAL, PRIVATE;

    /** The YAML spelling: lower case with dashes, e.g. {@code state-agency}. */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A kind by its YAML spelling, or null. */
    public static Kind fromYaml(String s) {
      for (Kind k : values()) {
        if (k.yamlName().equals(s)) {
          return k;
        }
      }
      return null;
    }

    /**
     * The kind of an older recipient entry's {@code type}: a city, county or special district is a
     * local agency, {@code state} a state agency; null for an unknown type.
     */
    static Kind fromRecipientType(String type) {
      return switch (type) {
        case "city", "county", "special-district" -> LOCAL;
        case "state" -> STATE_AGENCY;
        case "federal" -> FEDERAL;
        case "private" -> PRIVATE;
        default -> null;
      };
    }
  }

  /** Who answers whom: we answer their queries, they answer ours, or both. */
  public enum Direction {
    WE_ANSWER, THEY_ANSWER, BOTH;

    public String yamlName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Direction fromYaml(String s) {
      for (Direction d : values()) {
        if (d.yamlName().equals(s)) {
          return d;
        }
      }
      return null;
    }

    /** Whether this direction has us answer the partner's queries. */
    public boolean weAnswer() {
      return this != THEY_ANSWER;
    }

    /** Whether this direction has the partner answer ours. */
    public boolean theyAnswer() {
      return this != WE_ANSWER;
    }
  }

  /**
   * What a partner's query may reach.
   *
   * @param allCameras every camera, or only {@code cameras}
   * @param cameras the camera ids, empty when {@code allCameras}
   * @param hitsOnly only reads that matched a hot list, or all reads
   * @param lookback how far back a query may reach; never past the policy's non-hit retention
   * @param offenses the offense codes (of the policy's list) a query may name
   */
  public record Scope(boolean allCameras, List<Long> cameras, boolean hitsOnly, Duration lookback,
      List<String> offenses) {
    public Scope {
      cameras = List.copyOf(cameras);
      offenses = List.copyOf(offenses);
      if (allCameras != cameras.isEmpty()) {
        throw new IllegalArgumentException("a scope covers all cameras or a non-empty list of them");
      }
      if (lookback == null || lookback.isNegative() || lookback.isZero()) {
        throw new IllegalArgumentException("a scope's lookback must be positive");
      }
      if (offenses.isEmpty()) {
        throw new IllegalArgumentException("a scope names at least one offense");
      }
    }

    /** The lookback in ISO-8601 as a document would say it: {@code P30D} rather than {@code PT720H}. */
    public String lookbackIso() {
      long s = lookback.getSeconds();
      return s % 86400 == 0 && lookback.getNano() == 0 ? "P" + s / 86400 + "D" : lookback.toString();
    }
  }

  /**
   * The terms of an agreement.
   *
   * @param url the partner node's base URL (https, or http on the loopback address for tests)
   * @param publicKey the partner node's Ed25519 public key: standard base64 of its raw 32 bytes (RFC 8032)
   * @param direction who answers whom
   * @param scope what the partner's queries may reach
   * @param starts the first day it is in force (the agency's time zone)
   * @param expires the day it expires: in force until the day before, never on it
   * @param witnessKey the partner node's witness key (a C2SP vkey of type 0x04, its
   *     {@code GET /api/v1/witness/key}): it is asked to cosign our checkpoints, and its cosignatures
   *     are checked with this key (issue 15, R-AUD-5); null when the agreement names none
   * @param logKey the partner's audit log verifier key (a C2SP note vkey, its
   *     {@code GET /api/v1/audit/key}): we witness that log; null when the agreement names none
   */
  public record Terms(URI url, String publicKey, Direction direction, Scope scope, LocalDate starts,
      LocalDate expires, String witnessKey, String logKey) {
    public Terms {
      if (url == null || urlProblem(url) != null) {
        throw new IllegalArgumentException("an agreement needs an https URL (http only on the loopback address)");
      }
      if (publicKey == null || publicKeyProblem(publicKey) != null) {
        throw new IllegalArgumentException("an agreement needs an Ed25519 public key of 32 bytes in base64");
      }
      if (direction == null || scope == null || starts == null || expires == null) {
        throw new IllegalArgumentException("an agreement needs a direction, a scope, a start and an expiry");
      }
      if (!expires.isAfter(starts)) {
        throw new IllegalArgumentException("an agreement expires after it starts");
      }
      if (witnessKey != null && witnessKeyProblem(witnessKey) != null) {
        throw new IllegalArgumentException("an agreement's witness key must be a C2SP witness vkey (type 0x04)");
      }
      if (logKey != null && logKeyProblem(logKey) != null) {
        throw new IllegalArgumentException("an agreement's log key must be a C2SP note verifier key");
      }
    }

    /** The terms without witnessing, as documents written before issue 15 say them. */
    public Terms(URI url, String publicKey, Direction direction, Scope scope, LocalDate starts, LocalDate expires) {
      this(url, publicKey, direction, scope, starts, expires, null, null);
    }

    /** Whether it is in force on this day. */
    public boolean inForceOn(LocalDate day) {
      return !day.isBefore(starts) && day.isBefore(expires);
    }
  }

  public SharingAgreement {
    if (id == null || !id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
      throw new IllegalArgumentException("agreement id must be 1 to 64 of a-z, 0-9 and -");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("agreement name is required");
    }
    if (state == null || !state.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("agreement state must be a two-letter code");
    }
    if (kind == null) {
      throw new IllegalArgumentException("agreement kind is required");
    }
    if (terms != null && (reference == null || reference.isBlank())) {
      throw new IllegalArgumentException("an agreement with terms names its written agreement");
    }
  }

  /** An entry of an older document's {@code sharing.recipients}: the agency only, no terms. */
  public static SharingAgreement recipient(String id, String name, String state, Kind kind, String reference) {
    return new SharingAgreement(id, name, state, kind, reference, null);
  }

  /** Whether it is in force on this day: an older recipient entry, while listed, always is. */
  public boolean inForceOn(LocalDate day) {
    return terms == null || terms.inForceOn(day);
  }

  /**
   * How this agreement is wider than {@code before}, the same partner's agreement in an earlier
   * version (null when that version had none): one line per widening, e.g. {@code sharing.agreements
   * sac-pd scope.lookback PT168H -> PT720H}; empty when it is the same or narrower (R-SHR-1).
   */
  public List<String> expansionsFrom(SharingAgreement before) {
    return Expansions.ofAgreement(before, this);
  }

  /** Why a partner URL is not acceptable, or null: https, or http only on the loopback address (tests). */
  static String urlProblem(URI url) {
    if (!url.isAbsolute() || url.getHost() == null || url.isOpaque()) {
      return "must be an absolute URL such as https://partner.example.gov";
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      return "must have no user, query or fragment";
    }
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("https")) {
      return null;
    }
    if (scheme.equals("http") && List.of("127.0.0.1", "localhost", "[::1]").contains(url.getHost())) {
      return null;
    }
    return "must be https (http only on 127.0.0.1 or localhost, for tests)";
  }

  /** Why a witness key is not a C2SP cosignature/v1 vkey (type 0x04), or null. */
  static String witnessKeyProblem(String vkey) {
    try {
      WitnessKey.parse(vkey);
      return null;
    } catch (IllegalArgumentException e) {
      return "must be the partner's witness key, a C2SP vkey of type 0x04 (its GET /api/v1/witness/key): "
          + e.getMessage();
    }
  }

  /** Why a log key is not a C2SP signed-note verifier key (Ed25519, type 0x01), or null. */
  static String logKeyProblem(String vkey) {
    try {
      new NoteVerifier(vkey);
      return null;
    } catch (IllegalArgumentException e) {
      return "must be the partner's audit log key, a C2SP note verifier key (its GET /api/v1/audit/key): "
          + e.getMessage();
    }
  }

  /** Why a public key is not an Ed25519 key in base64 of its raw 32 bytes, or null. */
  static String publicKeyProblem(String key) {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      return "must be standard base64 (the raw 32-byte Ed25519 key)";
    }
    if (raw.length != 32) {
      return "must be the raw 32-byte Ed25519 key in base64; this one is " + raw.length + " bytes";
    }
    return null;
  }
}

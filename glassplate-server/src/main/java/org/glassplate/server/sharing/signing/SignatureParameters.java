package org.glassplate.server.sharing.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a signature covers and its parameters (RFC 9421 section 2.3): the component identifiers in
 * order and the parameters in the order they are serialized. {@link #serialize()} is the value of
 * {@code @signature-params} and of the label's member of Signature-Input.
 *
 * @param components component identifiers, e.g. {@code @method}, {@code content-digest}
 * @param parameters {@code created}, {@code expires} (Long), {@code nonce}, {@code keyid},
 *     {@code alg} (String) and any others as structured-field bare items, in order
 */
public record SignatureParameters(List<String> components, Map<String, Object> parameters) {
  /** The components every federation request covers (issue 14). */
  public static final List<String> FEDERATION_COMPONENTS = List.of("@method", "@target-uri", "content-digest");
  /** The only algorithm we sign or accept. */
  public static final String ED25519 = "ed25519";

  public SignatureParameters {
    components = List.copyOf(components);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    checkType(parameters, "created", Long.class);
    checkType(parameters, "expires", Long.class);
    checkType(parameters, "nonce", String.class);
    checkType(parameters, "keyid", String.class);
    checkType(parameters, "alg", String.class);
    parameters.values().forEach(v -> Objects.requireNonNull(v, "parameter value"));
  }

  /**
   * The parameters in the order created, expires, nonce, keyid, alg, leaving out those given as null.
   */
  public static SignatureParameters of(List<String> components, Instant created, Instant expires, String nonce,
      String keyId, String alg) {
    Map<String, Object> p = new LinkedHashMap<>();
    if (created != null) {
      p.put("created", created.getEpochSecond());
    }
    if (expires != null) {
      p.put("expires", expires.getEpochSecond());
    }
    if (nonce != null) {
      p.put("nonce", nonce);
    }
    if (keyId != null) {
      p.put("keyid", keyId);
    }
    if (alg != null) {
      p.put("alg", alg);
    }
    return new SignatureParameters(components, p);
  }

  /** A federation request's parameters: the fixed components, all five parameters, alg ed25519. */
  public static SignatureParameters forFederation(String agencyId, Instant created, Instant expires, String nonce) {
    return of(FEDERATION_COMPONENTS, Objects.requireNonNull(created, "created"),
        Objects.requireNonNull(expires, "expires"), Objects.requireNonNull(nonce, "nonce"),
        Objects.requireNonNull(agencyId, "agencyId"), ED25519);
  }

  /** Reads the inner list of a Signature-Input member: strings, no component parameters. */
  static SignatureParameters from(StructuredFields.InnerList list) throws SignatureRejected {
    List<String> components = new ArrayList<>();
    for (StructuredFields.Item item : list.items()) {
      if (!(item.value() instanceof String name)) {
        throw new SignatureRejected(SignatureFailure.MALFORMED, "Signature-Input: a component identifier is not a string");
      }
      if (!item.params().isEmpty()) {
        throw new SignatureRejected(SignatureFailure.MALFORMED,
            "Signature-Input: component parameters are not supported (on component " + components.size() + ")");
      }
      components.add(name);
    }
    for (Map.Entry<String, Object> e : list.params().entrySet()) {
      Class<?> want = switch (e.getKey()) {
        case "created", "expires" -> Long.class;
        case "nonce", "keyid", "alg", "tag" -> String.class;
        default -> Object.class;
      };
      if (!want.isInstance(e.getValue())) {
        throw new SignatureRejected(SignatureFailure.MALFORMED,
            "Signature-Input: parameter " + e.getKey() + " is not a " + want.getSimpleName());
      }
    }
    return new SignatureParameters(components, list.params());
  }

  private static void checkType(Map<String, Object> parameters, String name, Class<?> type) {
    Object v = parameters.get(name);
    if (v != null && !type.isInstance(v)) {
      throw new IllegalArgumentException(name + " must be a " + type.getSimpleName());
    }
  }

  /** {@code created} as an instant, or null. */
  public Instant created() {
    return parameters.get("created") instanceof Long s ? Instant.ofEpochSecond(s) : null;
  }

  /** {@code expires} as an instant, or null. */
  public Instant expires() {
    return parameters.get("expires") instanceof Long s ? Instant.ofEpochSecond(s) : null;
  }

  /** {@code nonce}, or null. */
  public String nonce() {
    return (String) parameters.get("nonce");
  }

  /** {@code keyid}, or null. */
  public String keyId() {
    return (String) parameters.get("keyid");
  }

  /** {@code alg}, or null. */
  public String alg() {
    return (String) parameters.get("alg");
  }

  /** The inner list, e.g. {@code ("@method" "@target-uri");created=1618884473;keyid="a"}. */
  public String serialize() {
    return StructuredFields.serializeInnerList(components, parameters);
  }

  @Override
  public String toString() {
    return "SignatureParameters" + components + parameters.keySet();
  }
}

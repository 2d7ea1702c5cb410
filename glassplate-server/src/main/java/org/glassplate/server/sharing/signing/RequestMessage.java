package org.glassplate.server.sharing.signing;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The parts of an HTTP request that a signature can cover (RFC 9421 section 2): the method, the
 * target URI, the header fields by lowercase name (each with its values in order) and the body.
 * {@link #toString()} shows neither field values nor the body, which may carry a plate.
 */
public record RequestMessage(String method, URI targetUri, Map<String, List<String>> fields, byte[] body) {

  public RequestMessage {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(targetUri, "targetUri");
    Objects.requireNonNull(fields, "fields");
    if (method.isEmpty()) {
      throw new IllegalArgumentException("method is empty");
    }
    Map<String, List<String>> lower = new TreeMap<>();
    fields.forEach((name, values) -> lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
        .addAll(values));
    lower.replaceAll((name, values) -> List.copyOf(values));
    fields = Collections.unmodifiableMap(lower);
    body = body == null ? new byte[0] : body.clone();
  }

  /** The body; a copy. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The values of a field in order, empty when absent; {@code name} in any case. */
  public List<String> field(String name) {
    return fields.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** This message with one more value of a field (e.g. Signature-Input after signing). */
  public RequestMessage withField(String name, String value) {
    Map<String, List<String>> more = new TreeMap<>(fields);
    List<String> values = new ArrayList<>(field(name));
    values.add(value);
    more.put(name.toLowerCase(Locale.ROOT), values);
    return new RequestMessage(method, targetUri, more, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RequestMessage m && method.equals(m.method) && targetUri.equals(m.targetUri)
        && fields.equals(m.fields) && java.util.Arrays.equals(body, m.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, targetUri, fields, java.util.Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "RequestMessage[" + method + " fields=" + fields.keySet() + " body=" + body.length + " bytes]";
  }
}

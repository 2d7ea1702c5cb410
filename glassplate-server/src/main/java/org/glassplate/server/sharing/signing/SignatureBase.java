package org.glassplate.server.sharing.signing;

import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The signature base of RFC 9421 section 2.5: one line {@code "component": value} per covered
 * component, in order, then {@code "@signature-params": } and the serialized parameters, lines
 * joined by LF without a final one. Derived components: {@code @method}, {@code @target-uri},
 * {@code @authority}, {@code @scheme}, {@code @request-target}, {@code @path} and {@code @query}
 * (section 2.2); any other name is an HTTP field by its lowercase name, its values trimmed and
 * joined by {@code ", "} (section 2.1). Refused: a component the message lacks
 * ({@link SignatureFailure#MISSING_COMPONENT}), a component listed twice, an uppercase or unknown
 * derived name, and a value with a line break, another control character or a non-ASCII one
 * ({@link SignatureFailure#MALFORMED}); each refusal names the component.
 */
public final class SignatureBase {
  /** A field name (RFC 9110 token) in lowercase, or a derived component's {@code @name}; at most 64. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z0-9!#$%&'*+.^_`|~-]{1,64}|@[a-z-]{1,63}");
  private SignatureBase() {
  }

  /** The signature base of {@code message} for {@code params}. */
  public static String of(RequestMessage message, SignatureParameters params) throws SignatureRejected {
    StringBuilder out = new StringBuilder();
    Set<String> seen = new HashSet<>();
    for (String component : params.components()) {
      if (!IDENTIFIER.matcher(component).matches()) {
        // not named: only a well-formed identifier is repeated in a message
        throw malformed("a component identifier is not a lowercase field name or @name");
      }
      if (!seen.add(component)) {
        throw malformed("component listed twice: " + component);
      }
      if (component.equals("@signature-params")) {
        throw malformed("@signature-params cannot be a covered component");
      }
      String value = component.startsWith("@") ? derived(message, component) : field(message, component);
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((c < 0x20 && c != '\t') || c >= 0x7f) {
          throw malformed("line break, control or non-ASCII character in the value of " + component);
        }
      }
      out.append('"').append(component).append("\": ").append(value).append('\n');
    }
    String serialized;
    try {
      serialized = params.serialize();
    } catch (IllegalArgumentException e) {
      throw malformed("a signature parameter cannot be serialized");
    }
    return out.append("\"@signature-params\": ").append(serialized).toString();
  }

  private static String field(RequestMessage message, String name) throws SignatureRejected {
    List<String> values = message.field(name);
    if (values.isEmpty()) {
      throw new SignatureRejected(SignatureFailure.MISSING_COMPONENT, name);
    }
    StringBuilder joined = new StringBuilder();
    for (String v : values) {
      if (joined.length() > 0) {
        joined.append(", ");
      }
      joined.append(v.strip());
    }
    return joined.toString();
  }

  private static String derived(RequestMessage message, String name) throws SignatureRejected {
    URI uri = message.targetUri();
    switch (name) {
      case "@method":
        return message.method();
      case "@target-uri":
        return uri.toString();
      case "@scheme":
        return required(name, uri.getScheme()).toLowerCase(Locale.ROOT);
      case "@authority":
        return authority(uri);
      case "@path":
        return path(uri);
      case "@query":
        return "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
      case "@request-target":
        return path(uri) + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      default:
        throw malformed("unsupported derived component " + name);
    }
  }

  private static String path(URI uri) {
    String path = uri.getRawPath();
    return path == null || path.isEmpty() ? "/" : path;
  }

  /** The host in lowercase, with the port unless it is the scheme's default (section 2.2.3). */
  private static String authority(URI uri) throws SignatureRejected {
    String host = required("@authority", uri.getHost()).toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  private static String required(String name, String value) throws SignatureRejected {
    if (value == null) {
      throw new SignatureRejected(SignatureFailure.MISSING_COMPONENT, name);
    }
    return value;
  }

  private static SignatureRejected malformed(String detail) {
    return new SignatureRejected(SignatureFailure.MALFORMED, detail);
  }
}

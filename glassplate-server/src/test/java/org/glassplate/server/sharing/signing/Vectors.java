package org.glassplate.server.sharing.signing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RFC 9421 and RFC 9530 test vectors under src/test/resources (see SOURCES.md there). */
final class Vectors {
  private Vectors() {
  }

  /** A file's text, exactly. */
  static String text(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test vector " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first line of a file, without its line end. */
  static String line(String name) {
    return text(name).lines().findFirst().orElseThrow();
  }

  /** The header fields of a file of {@code Name: value} lines. */
  static Map<String, List<String>> fields(List<String> lines) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String l : lines) {
      int colon = l.indexOf(':');
      fields.computeIfAbsent(l.substring(0, colon), k -> new ArrayList<>()).add(l.substring(colon + 1).strip());
    }
    return fields;
  }

  /**
   * The test request of RFC 9421 appendix B.2 as a message: the request line, the fields, a blank
   * line and the body; the target URI is https://{Host}{request-target} (the RFC's @target-uri).
   */
  static RequestMessage testRequest() {
    String http = text("rfc9421-b2-test-request.http");
    int blank = http.indexOf("\n\n");
    List<String> head = http.substring(0, blank).lines().toList();
    String[] requestLine = head.get(0).split(" ");
    Map<String, List<String>> fields = fields(head.subList(1, head.size()));
    URI target = URI.create("https://" + fields.get("Host").get(0) + requestLine[1]);
    return new RequestMessage(requestLine[0], target, fields,
        http.substring(blank + 2).getBytes(StandardCharsets.UTF_8));
  }
}

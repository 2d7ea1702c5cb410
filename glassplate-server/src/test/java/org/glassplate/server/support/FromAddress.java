package org.glassplate.server.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain HTTP/1.0 requests to the test server sent from another loopback address ({@code 127.0.0.N},
 * which Linux routes to this machine), so that a test has a source address of its own: what the server
 * counts per address (failed sign-ins, refused tokens) is then this test's alone. Keeps the session
 * cookie and the CSRF token of the last page, as a browser would.
 */
public final class FromAddress {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern COOKIE = Pattern.compile("(?i)^set-cookie:\\s*JSESSIONID=([^;]*)");

  private final InetAddress local;
  private final int port;
  private String session;
  private String csrf;

  public FromAddress(String localAddress, int port) {
    try {
      this.local = InetAddress.getByName(localAddress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.port = port;
  }

  /** An answer: status, headers (names lower case, the last value of each) and body. */
  public record Answer(int status, Map<String, String> headers, String body) {
  }

  public Answer get(String path, Map<String, String> headers) {
    return send("GET", path, headers, null, null);
  }

  /** A form post with the CSRF token of the last page. */
  public Answer form(String path, Map<String, String> fields) {
    StringBuilder body = new StringBuilder();
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    all.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(enc(k)).append('=').append(enc(v)));
    return send("POST", path, Map.of("Accept", "text/html"), "application/x-www-form-urlencoded", body.toString());
  }

  public Answer post(String path, Map<String, String> headers, String json) {
    return send("POST", path, headers, "application/json", json);
  }

  private Answer send(String method, String path, Map<String, String> headers, String type, String body) {
    byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.0\r\n")
        .append("Host: localhost:").append(port).append("\r\n");
    headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
    if (session != null) {
      head.append("Cookie: JSESSIONID=").append(session).append("\r\n");
    }
    if (body != null) {
      head.append("Content-Type: ").append(type).append("\r\nContent-Length: ").append(content.length).append("\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port, local, 0)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      return parse(socket.getInputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer parse(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int split = text.indexOf("\r\n\r\n");
    List<String> lines = new ArrayList<>(List.of(text.substring(0, split).split("\r\n")));
    int status = Integer.parseInt(lines.remove(0).split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher c = COOKIE.matcher(line);
      if (c.find()) {
        session = c.group(1);
      }
      int colon = line.indexOf(':');
      headers.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
    }
    String body = text.substring(split + 4);
    Matcher m = CSRF.matcher(body);
    if (m.find()) {
      csrf = m.group(1);
    }
    return new Answer(status, headers, body);
  }

  private static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}

package org.glassplate.log.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

/**
 * Reads a Glassplate log over HTTP: {@code <base>/api/v1/audit/<path>}, with {@link HttpGetClient}
 * (HTTP/1.1 GET over keep-alive connections, each request on the calling thread, so concurrent
 * tile fetches reuse a small pool of connections). Asks for gzip, as tlog-tiles suggests for
 * entry bundles, and inflates it. Follows up to {@value #MAX_REDIRECTS} redirects, never from
 * https to http.
 */
public final class HttpLogSource implements LogSource, AutoCloseable {
  /** Where the audit log lives under a Glassplate base URL (DESIGN.md, "The fixed contract"). */
  public static final String PREFIX = "/api/v1/audit/";
  static final int MAX_REDIRECTS = 5;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  private static final int READ_TIMEOUT_MILLIS = 60_000;

  private final URI base;
  private final String basePath;
  private final Map<String, HttpGetClient> clients = new ConcurrentHashMap<>();

  /**
   * @param baseUrl the server, e.g. {@code http://localhost:8080}; the audit prefix is added
   */
  public HttpLogSource(URI baseUrl) {
    String b = Objects.requireNonNull(baseUrl, "baseUrl").toString();
    while (b.endsWith("/")) {
      b = b.substring(0, b.length() - 1);
    }
    if (!b.startsWith("http://") && !b.startsWith("https://")) {
      throw new IllegalArgumentException("base URL must be http:// or https://, got " + baseUrl);
    }
    URI u = URI.create(b);
    if (u.getHost() == null || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
      throw new IllegalArgumentException("base URL must be scheme://host[:port][/path], got " + baseUrl);
    }
    this.base = u;
    this.basePath = u.getRawPath() == null ? "" : u.getRawPath();
    clientFor(u); // checks the scheme and host now
  }

  /** The full URL of a resource path. */
  public String url(String path) {
    return base + PREFIX + path;
  }

  @Override
  public byte[] get(String path) throws IOException {
    URI origin = base;
    String target = basePath + PREFIX + path;
    for (int redirects = 0; ; redirects++) {
      HttpGetClient.Response res = clientFor(origin).get(target, "gzip, identity");
      int status = res.status();
      if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
        if (res.location() == null || redirects == MAX_REDIRECTS) {
          throw new IOException("GET " + url(path) + ": HTTP " + status
              + (res.location() == null ? " without a Location" : ", more than " + MAX_REDIRECTS + " redirects"));
        }
        URI next;
        try {
          next = origin.resolve(target).resolve(res.location());
        } catch (IllegalArgumentException e) {
          throw new IOException("GET " + url(path) + ": HTTP " + status + " to a malformed Location");
        }
        if ("https".equalsIgnoreCase(origin.getScheme()) && !"https".equalsIgnoreCase(next.getScheme())) {
          throw new IOException("GET " + url(path) + ": refusing a redirect from https to " + next.getScheme());
        }
        try {
          clientFor(next);
        } catch (IllegalArgumentException e) {
          throw new IOException("GET " + url(path) + ": HTTP " + status + " to an unusable Location: " + e.getMessage());
        }
        origin = next;
        target = (next.getRawPath() == null || next.getRawPath().isEmpty() ? "/" : next.getRawPath())
            + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery());
        continue;
      }
      if (status == 404) {
        return null;
      }
      if (status != 200) {
        throw new IOException("GET " + url(path) + ": HTTP " + status);
      }
      byte[] body = res.body();
      String encoding = res.contentEncoding();
      if (encoding != null && !encoding.isEmpty() && !encoding.equalsIgnoreCase("identity")) {
        if (!encoding.equalsIgnoreCase("gzip")) {
          throw new IOException("GET " + url(path) + ": unsupported Content-Encoding " + encoding);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
          body = in.readAllBytes();
        }
      }
      return body;
    }
  }

  private HttpGetClient clientFor(URI u) {
    String key = u.getScheme().toLowerCase() + "://" + u.getRawAuthority();
    HttpGetClient c = clients.get(key);
    if (c == null) {
      HttpGetClient made = new HttpGetClient(u, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
      c = clients.putIfAbsent(key, made);
      if (c == null) {
        c = made;
      }
    }
    return c;
  }

  /** Closes the idle connections. */
  @Override
  public void close() {
    clients.values().forEach(HttpGetClient::close);
  }
}

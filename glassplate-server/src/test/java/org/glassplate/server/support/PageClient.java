package org.glassplate.server.support;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser without JavaScript: asks for pages as HTML, keeps cookies, sends the CSRF token of the
 * last page with a form, follows no redirects. Signed in by an API token, so a test needs no TOTP step.
 */
public final class PageClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final String baseUrl;
  private final String token;
  private String csrf;

  public PageClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  public IntegrationTest.Answer page(String path) {
    IntegrationTest.Answer a = send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    Matcher m = CSRF.matcher(a.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return a;
  }

  public IntegrationTest.Answer form(String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (csrf != null) {
      all.put("_csrf", csrf);
    }
    String body = all.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private IntegrationTest.Answer send(HttpRequest.Builder b) {
    b.header("Accept", "text/html");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new IntegrationTest.Answer(r.statusCode(), r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

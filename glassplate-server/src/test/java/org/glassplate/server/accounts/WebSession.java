package org.glassplate.server.accounts;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassplate.server.support.IntegrationTest;

/** A cookie-keeping client that drives the sign-in forms as a browser would (CSRF included), without a browser. */
public final class WebSession {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;
  private String csrf;
  String lastBody;

  public WebSession(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  public IntegrationTest.Answer page(String path) {
    return remember(send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html").GET().build()));
  }

  IntegrationTest.Answer form(String path, Map<String, String> fields) {
    return form(path, fields, true);
  }

  IntegrationTest.Answer form(String path, Map<String, String> fields, boolean withCsrf) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    if (withCsrf && csrf != null) {
      all.put("_csrf", csrf);
    }
    String body = all.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return remember(send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
  }

  /** An API call signed in by the session cookie, with the CSRF token of the last page in its header, as the page scripts send it. */
  public IntegrationTest.Answer json(String method, String path, String json) {
    return json(method, path, json, true);
  }

  public IntegrationTest.Answer json(String method, String path, String json, boolean withCsrf) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (withCsrf && csrf != null) {
      b.header("X-CSRF-TOKEN", csrf);
    }
    return send(b.build());
  }

  /** Password step: GET /login, POST /login; returns the answer of the POST (a redirect). */
  IntegrationTest.Answer password(String username, String password) {
    page("/login");
    return form("/login", Map.of("username", username, "password", password));
  }

  /**
   * TOTP step: GET /login/totp, POST the code; returns the answer of the POST (a redirect). Signed in,
   * it opens the home page, as a browser follows the redirect, and so holds the new session's CSRF token.
   */
  IntegrationTest.Answer totp(String code) {
    page("/login/totp");
    IntegrationTest.Answer answer = form("/login/totp", Map.of("code", code));
    if ("/".equals(location(answer))) {
      page("/");
    }
    return answer;
  }

  /** Both steps with the code for {@code at}; returns the answer of the TOTP POST. */
  public IntegrationTest.Answer signIn(String username, String password, String secret, Instant at) {
    password(username, password);
    return totp(Totp.code(secret, Totp.step(at)));
  }

  String enrollmentSecret() {
    Matcher m = SECRET.matcher(lastBody);
    return m.find() ? m.group(1) : null;
  }

  public String sessionId() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  private IntegrationTest.Answer remember(IntegrationTest.Answer a) {
    lastBody = a.body();
    Matcher m = CSRF.matcher(a.body());
    if (m.find()) {
      csrf = m.group(1);
    }
    return a;
  }

  private IntegrationTest.Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new IntegrationTest.Answer(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String location(IntegrationTest.Answer a) {
    return a.headers().firstValue("Location").map(l -> l.replaceFirst("^https?://[^/]+", "")).orElse(null);
  }
}

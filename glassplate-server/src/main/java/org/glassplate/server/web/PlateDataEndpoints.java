package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A feature's endpoints that touch plate data, each with the word its {@link RoleRefusalAudit} records
 * for a caller refused there (the action, or the endpoint): the table every feature's role-refusal record
 * looks a request up in. Immutable; the first endpoint that matches gives the word.
 */
public final class PlateDataEndpoints {
  private record Endpoint(RequestMatcher matcher, String label) {
  }

  private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

  private final List<Endpoint> endpoints;

  private PlateDataEndpoints(List<Endpoint> endpoints) {
    this.endpoints = List.copyOf(endpoints);
  }

  /** No endpoint yet. */
  public static PlateDataEndpoints none() {
    return new PlateDataEndpoints(List.of());
  }

  /** These endpoints and {@code method} on {@code pattern} (a path pattern), recorded as {@code label}. */
  public PlateDataEndpoints with(HttpMethod method, String pattern, String label) {
    return with(PATHS.matcher(method, pattern), label);
  }

  /** These endpoints and any method on {@code pattern}, recorded as {@code label}. */
  public PlateDataEndpoints with(String pattern, String label) {
    return with(PATHS.matcher(pattern), label);
  }

  private PlateDataEndpoints with(RequestMatcher matcher, String label) {
    List<Endpoint> more = new ArrayList<>(endpoints);
    more.add(new Endpoint(matcher, label));
    return new PlateDataEndpoints(more);
  }

  /** The word of the first endpoint {@code request} is on, or empty if it is on none of them. */
  public Optional<String> labelOf(HttpServletRequest request) {
    for (Endpoint e : endpoints) {
      if (e.matcher().matches(request)) {
        return Optional.of(e.label());
      }
    }
    return Optional.empty();
  }
}

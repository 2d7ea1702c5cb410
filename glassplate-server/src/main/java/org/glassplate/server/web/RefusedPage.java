package org.glassplate.server.web;

import gg.jte.TemplateEngine;
import gg.jte.output.PrintWriterOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * A refusal answered to a browser asking for a page ({@code error/refused.jte}): an HTML page with
 * the navigation bar of the person's roles, the refusal in words, and the pages they may use
 * instead; never the API's JSON, which stays for {@code /api} and for any caller that does not
 * ask for HTML.
 */
@Component
public class RefusedPage {
  private final TemplateEngine templates;

  RefusedPage(TemplateEngine templates) {
    this.templates = templates;
  }

  /** A browser asking for a page (not the API): it is given a page, not JSON. */
  public static boolean wanted(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/api/")) {
      return false;
    }
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  /** Writes the page with this status; the message is put in words ({@link RefusalView}). */
  public void render(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
      String message) throws IOException {
    render(request, response, status, code, message, null);
  }

  /** Writes the page with this status, naming the request's field at fault (or null). */
  public void render(HttpServletRequest request, HttpServletResponse response, HttpStatusCode status, String code,
      String message, String field) throws IOException {
    RefusalView refusal = new RefusalView(status, code, message, field);
    Layout layout = Layout.of(heading(status) + " · Glassplate", request);
    List<Layout.Link> instead = layout.nav().stream().filter(l -> !l.current()).toList();
    response.setStatus(status.value());
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    Pages.noStore(response);
    templates.render("error/refused.jte", Map.of("page", new RefusedView(layout, heading(status), refusal, instead)),
        new PrintWriterOutput(response.getWriter()));
  }

  static String heading(HttpStatusCode status) {
    return switch (status.value()) {
      case 401 -> "Sign in first";
      case 403 -> "Not open to you";
      case 404 -> "No such page";
      case 405 -> "Not done this way";
      default -> status.is5xxServerError() ? "Something failed on the server" : "That request could not be used";
    };
  }

  /**
   * The view model of {@code error/refused.jte}.
   *
   * @param instead the pages the person may open instead (their navigation bar, less the page refused)
   */
  public record RefusedView(Layout layout, String heading, RefusalView refusal, List<Layout.Link> instead) {
  }
}

package org.glassplate.server.accounts.web;

import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.RetryLater;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The answer to a sign-in step refused for a while (issue 12 item 8): too many failures from the
 * address (429) or too many password checks at once (503). The sign-in page again, with the refusal's
 * code and message, its status and {@code Retry-After}. The steps run in the security filters, outside
 * Spring MVC, so the page is rendered here from its template.
 */
@Component
public class SignInRefusalPage {
  private final ObjectProvider<TemplateEngine> templates;
  private final ErrorStatuses statuses;
  private final Agency agency;

  SignInRefusalPage(ObjectProvider<TemplateEngine> templates, ErrorStatuses statuses, Agency agency) {
    this.templates = templates;
    this.statuses = statuses;
    this.agency = agency;
  }

  /** Writes the sign-in page with the refusal. */
  public void render(HttpServletRequest request, HttpServletResponse response, RetryLater refusal) throws IOException {
    HttpStatus status = statuses.of(refusal);
    response.setStatus(status.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding("UTF-8");
    Pages.noStore(response);
    LoginView page = new LoginView(Layout.of("Sign in · Glassplate", request), agency.name(),
        new RefusalView(status, refusal.code(), refusal.getMessage(), null), false);
    templates.getObject().render("accounts/login.jte", Map.of("page", page), new WriterOutput(response.getWriter()));
  }
}

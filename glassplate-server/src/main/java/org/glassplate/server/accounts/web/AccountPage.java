package org.glassplate.server.accounts.web;

import static org.glassplate.server.accounts.web.Html.csrf;
import static org.glassplate.server.accounts.web.Html.esc;
import static org.glassplate.server.accounts.web.Html.page;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import org.glassplate.server.accounts.AccountRefusal;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.accounts.InteractiveSignIn;
import org.glassplate.server.accounts.SignIn;
import org.glassplate.server.accounts.TrainingRecord;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The person's own page: training records, personal API tokens (create: shown once; revoke) and
 * password change. Creating a token needs a session signed in with password and TOTP.
 */
@Controller
class AccountPage {
  private final Accounts accounts;
  private final ApiTokens tokens;
  private final SignIn signIn;
  private final Clock clock;
  private final ErrorStatuses statuses;

  AccountPage(Accounts accounts, ApiTokens tokens, SignIn signIn, Clock clock, ErrorStatuses statuses) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.tokens = tokens;
    this.signIn = signIn;
    this.clock = clock;
  }

  /** The signed-in person, if this request comes from a session that passed password and TOTP. */
  static Caller interactivePerson() {
    var auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof CallerAuthentication c && c.getDetails() instanceof InteractiveSignIn) {
      return c.getPrincipal();
    }
    throw new ApiException(AccountRefusal.SIGN_IN_REQUIRED,
        "sign in with password and authenticator code to do this; an API token cannot");
  }

  @GetMapping(value = "/account", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> show(HttpServletRequest request) {
    return SignInPages.html(render(request, CallerAuthentication.current().orElseThrow(), ""));
  }

  @PostMapping(value = "/account/tokens", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> createToken(HttpServletRequest request, @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "90") int days) {
    Caller me = interactivePerson();
    ApiTokens.IssuedToken issued = tokens.create(me, name, days);
    String shown = """
        <div class="note" id="new-token"><p>Your new token (shown only now; copy it):</p>
        <p><code id="token-value">%s</code></p><p>Use it as <code>Authorization: Bearer TOKEN</code>.
        It expires %s.</p></div>""".formatted(esc(issued.token()), esc(issued.description().expiresAt()));
    return SignInPages.html(render(request, me, shown));
  }

  @PostMapping(value = "/account/tokens/{id}/revocation", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> revoke(HttpServletRequest request, @PathVariable long id) {
    Caller me = CallerAuthentication.current().orElseThrow();
    tokens.revoke(me, id);
    return SignInPages.html(render(request, me, "<p class=\"note\" id=\"revoked\">Token " + id + " is revoked.</p>"));
  }

  @PostMapping(value = "/account/password", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> changePassword(HttpServletRequest request,
      @RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword) {
    Caller me = interactivePerson();
    String message;
    try {
      signIn.changePassword(me, currentPassword, newPassword);
      message = "<p class=\"note\" id=\"password-changed\">Your password is changed.</p>";
    } catch (Refusal e) {
      if (statuses.of(e) != HttpStatus.UNPROCESSABLE_CONTENT) {
        throw e;
      }
      message = "<p class=\"error\" id=\"password-error\">" + esc(e.getMessage()) + "</p>";
    }
    return SignInPages.html(render(request, me, message));
  }

  private String render(HttpServletRequest request, Caller me, String message) {
    Instant now = clock.instant();
    StringBuilder training = new StringBuilder();
    for (TrainingRecord t : accounts.training(me.id())) {
      training.append("<tr><td>").append(esc(t.course())).append("</td><td>").append(t.completedOn())
          .append("</td><td>").append(t.expiresOn()).append("</td></tr>");
    }
    StringBuilder rows = new StringBuilder();
    for (ApiTokens.ApiToken t : tokens.list(me.id())) {
      String state = t.revokedAt() != null ? "revoked" : t.activeAt(now) ? "active" : "expired";
      rows.append("<tr><td>").append(t.id()).append("</td><td>").append(esc(t.name())).append("</td><td>")
          .append(esc(String.join(", ", t.roles().stream().sorted().toList()))).append("</td><td>")
          .append(t.expiresAt()).append("</td><td>").append(state).append("</td><td>");
      if (t.activeAt(now)) {
        rows.append("<form class=\"inline\" method=\"post\" action=\"/account/tokens/").append(t.id())
            .append("/revocation\">").append(csrf(request)).append("<button type=\"submit\">Revoke</button></form>");
      }
      rows.append("</td></tr>");
    }
    String body = """
        <nav><a href="/">Home</a></nav>
        <h1>My account</h1>
        %s
        <h2>Training</h2>
        <table id="training"><tr><th>Course</th><th>Completed</th><th>Expires</th></tr>%s</table>
        <h2>Personal API tokens</h2>
        <p>For scripts: a token carries your roles, lasts at most %d days and is shown once.</p>
        <table id="tokens"><tr><th>Id</th><th>Name</th><th>Roles</th><th>Expires</th><th>State</th><th></th></tr>%s</table>
        <form method="post" action="/account/tokens" id="token-form">%s
          <label for="token-name">Name</label><input type="text" id="token-name" name="name" required maxlength="100">
          <label for="token-days">Days (1 to %d)</label><input type="number" id="token-days" name="days" min="1" max="%d" value="30">
          <div><button type="submit" id="create-token">Create token</button></div>
        </form>
        <h2>Change password</h2>
        <form method="post" action="/account/password" id="password-form">%s
          <label for="current-password">Current password</label><input type="password" id="current-password" name="currentPassword" autocomplete="current-password" required>
          <label for="new-password">New password (at least 12 characters, not a common one)</label><input type="password" id="new-password" name="newPassword" autocomplete="new-password" required minlength="12">
          <div><button type="submit">Change password</button></div>
        </form>
        """.formatted(message, training, ApiTokens.MAX_DAYS, rows, csrf(request), ApiTokens.MAX_DAYS,
        ApiTokens.MAX_DAYS, csrf(request));
    return page("My account", body);
  }
}

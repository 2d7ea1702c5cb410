package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.glassplate.server.accounts.AccountRefusal;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.accounts.InteractiveSignIn;
import org.glassplate.server.accounts.SignIn;
import org.glassplate.server.accounts.TrainingRecord;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

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
  private final java.time.ZoneId zone;

  AccountPage(Accounts accounts, ApiTokens tokens, SignIn signIn, Clock clock, ErrorStatuses statuses,
      org.glassplate.server.core.Agency agency) {
    this.zone = agency.timeZone();
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
  ModelAndView show(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, CallerAuthentication.current().orElseThrow(), null, null);
  }

  @PostMapping(value = "/account/tokens", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView createToken(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "90") int days) {
    Caller me = interactivePerson();
    ApiTokens.IssuedToken issued = tokens.create(me, name, days);
    return render(request, response, me, new AccountView.Notice(issued, null, false), null);
  }

  @PostMapping(value = "/account/tokens/{id}/revocation", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView revoke(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    Caller me = CallerAuthentication.current().orElseThrow();
    tokens.revoke(me, id);
    return render(request, response, me, new AccountView.Notice(null, id, false), null);
  }

  @PostMapping(value = "/account/password", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView changePassword(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String currentPassword, @RequestParam(defaultValue = "") String newPassword) {
    Caller me = interactivePerson();
    try {
      var session = request.getSession(false);
      signIn.changePassword(me, currentPassword, newPassword, session == null ? null : session.getId());
      return render(request, response, me, new AccountView.Notice(null, null, true), null);
    } catch (Refusal e) {
      if (statuses.of(e) != HttpStatus.UNPROCESSABLE_CONTENT) {
        throw e;
      }
      // shown on the page as before: the page itself answers 200
      return render(request, response, me, null, RefusalView.of(e, statuses.of(e)));
    }
  }

  private ModelAndView render(HttpServletRequest request, HttpServletResponse response, Caller me, AccountView.Notice notice,
      RefusalView refusal) {
    Instant now = clock.instant();
    List<AccountView.TrainingRow> training = accounts.training(me.id()).stream()
        .map(t -> new AccountView.TrainingRow(t.course(), String.valueOf(t.completedOn()), String.valueOf(t.expiresOn())))
        .toList();
    List<AccountView.TokenRow> rows = tokens.list(me.id()).stream()
        .map(t -> new AccountView.TokenRow(t.id(), t.name(), String.join(", ", t.roles().stream().sorted().toList()),
            ShownTime.of(t.expiresAt(), zone), t.revokedAt() != null ? "revoked" : t.activeAt(now) ? "active" : "expired",
            t.activeAt(now)))
        .toList();
    Pages.noStore(response);
    return Pages.page("accounts/account", new AccountView(Layout.of("My account · Glassplate", request), notice,
        refusal, training, rows, ApiTokens.MAX_DAYS, notice == null || notice.issued() == null ? null
            : ShownTime.of(notice.issued().description().expiresAt(), zone)));
  }
}

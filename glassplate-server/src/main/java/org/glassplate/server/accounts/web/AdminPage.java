package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.RefusalView;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** A plain administration page over the same services as the API (R-ACC-1). */
@Controller
class AdminPage {
  private final Accounts accounts;
  private final AccountAdministration administration;
  private final TrainingGate gate;
  private final ErrorStatuses statuses;

  AdminPage(Accounts accounts, AccountAdministration administration, TrainingGate gate, ErrorStatuses statuses) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.administration = administration;
    this.gate = gate;
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView show(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, null, null);
  }

  @PostMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView create(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String password,
      @RequestParam(required = false) List<String> roles) {
    return act(request, response, () -> {
      Account a = administration.create(me(), new AccountAdministration.NewAccount(username, displayName, password,
          roles == null ? List.of() : roles));
      return "Account " + a.id() + " created. The person signs in with the password and enrolls an authenticator.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/roles", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView roles(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(required = false) List<String> roles) {
    return act(request, response, () -> {
      administration.changeRoles(me(), id, roles == null ? List.of() : roles);
      return "Roles of account " + id + " changed.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/enabled", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView enabled(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam boolean enabled) {
    return act(request, response, () -> {
      if (enabled) {
        administration.enable(me(), id);
      } else {
        administration.disable(me(), id);
      }
      return "Account " + id + (enabled ? " enabled." : " disabled.");
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/lockout-release", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView release(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, () -> {
      administration.releaseLockout(me(), id);
      return "Lockout of account " + id + " released.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/credential-reset", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView resetCredentials(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String password) {
    return act(request, response, () -> {
      int revoked = administration.resetCredentials(me(), id, password).tokensRevoked();
      return "Credentials of account " + id + " reset: give the person the new password in person; they enroll a new"
          + " authenticator at their next sign-in. Their sessions end and " + revoked + " API token"
          + (revoked == 1 ? " was" : "s were") + " revoked.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/training", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView training(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String course, @RequestParam(defaultValue = "") String completedOn,
      @RequestParam(defaultValue = "") String expiresOn) {
    return act(request, response, () -> {
      administration.recordTraining(me(), id, course, date("completedOn", completedOn), date("expiresOn", expiresOn));
      return "Training of account " + id + " recorded.";
    });
  }

  private ModelAndView act(HttpServletRequest request, HttpServletResponse response, Supplier<String> action) {
    try {
      return render(request, response, action.get(), null);
    } catch (Refusal e) {
      // shown on the page as before: the page itself answers 200
      return render(request, response, null, RefusalView.of(e, statuses.of(e)));
    }
  }

  private static LocalDate date(String field, String value) {
    try {
      return value.isBlank() ? null : LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(field, field + " must be a date written YYYY-MM-DD");
    }
  }

  private ModelAndView render(HttpServletRequest request, HttpServletResponse response, String notice,
      RefusalView refusal) {
    List<AdminView.AccountRow> rows = accounts.all().stream()
        .map(a -> new AdminView.AccountRow(a.id(), a.username(), a.displayName(), a.roles(), a.enabled(), a.locked(),
            gate.hasCurrentTraining(a.id()), a.lastSignInAt() == null ? "never" : a.lastSignInAt().toString()))
        .toList();
    Pages.noStore(response);
    return Pages.page("accounts/admin", new AdminView(Layout.of("Accounts · Glassplate", request), notice, refusal,
        rows, AccountAdministration.PERSON_ROLES.stream().sorted().toList()));
  }
}

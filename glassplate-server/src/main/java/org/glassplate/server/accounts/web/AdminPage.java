package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.AccountAdministration.Outcome;
import org.glassplate.server.accounts.AccountChange;
import org.glassplate.server.accounts.AccountChanges;
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
import org.glassplate.server.web.ShownTime;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * A plain administration page over the same services as the API (R-ACC-1): the accounts, and the
 * privileged changes that wait for a second administrator, who approves or rejects them here (R-ACC-7).
 */
@Controller
class AdminPage {
  private final Accounts accounts;
  private final AccountAdministration administration;
  private final AccountChanges changes;
  private final TrainingGate gate;
  private final ErrorStatuses statuses;

  private final java.time.ZoneId zone;

  AdminPage(Accounts accounts, AccountAdministration administration, AccountChanges changes, TrainingGate gate,
      ErrorStatuses statuses, org.glassplate.server.core.Agency agency) {
    this.zone = agency.timeZone();
    this.statuses = statuses;
    this.accounts = accounts;
    this.administration = administration;
    this.changes = changes;
    this.gate = gate;
  }

  /** What an action shows: a notice, and the one-time password of an approved change, if any. */
  private record Shown(String notice, String initialPassword) {
    static Shown notice(String notice) {
      return new Shown(notice, null);
    }

    @Override
    public String toString() {
      return "Shown[hidden]";
    }
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView show(HttpServletRequest request, HttpServletResponse response) {
    return render(request, response, null, null, AdminView.Draft.NONE);
  }

  @PostMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView create(HttpServletRequest request, HttpServletResponse response,
      @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String password,
      @RequestParam(required = false) List<String> roles) {
    // refused, the form comes back as typed (the password excepted: it is never sent back to a page)
    AdminView.Draft typed = new AdminView.Draft(username, displayName, roles == null ? List.of() : roles);
    return act(request, response, typed, () -> notice(administration.create(me(),
        new AccountAdministration.NewAccount(username, displayName, password.isEmpty() ? null : password,
            roles == null ? List.of() : roles)),
        a -> "Account " + a.id() + " created. The person signs in with the password and enrolls an authenticator."));
  }

  @PostMapping(value = "/admin/accounts/{id}/roles", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView roles(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(required = false) List<String> roles) {
    return act(request, response, () -> notice(administration.changeRoles(me(), id, roles == null ? List.of() : roles),
        a -> "Roles of account " + id + " changed."));
  }

  @PostMapping(value = "/admin/accounts/{id}/enabled", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView enabled(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam boolean enabled) {
    return act(request, response, () -> {
      if (!enabled) {
        administration.disable(me(), id);
        return Shown.notice("Account " + id + " disabled.");
      }
      return notice(administration.enable(me(), id), a -> "Account " + id + " enabled.");
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/lockout-release", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView release(HttpServletRequest request, HttpServletResponse response, @PathVariable long id) {
    return act(request, response, () -> {
      administration.releaseLockout(me(), id);
      return Shown.notice("Lockout of account " + id + " released.");
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/credential-reset", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView resetCredentials(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String password) {
    return act(request, response, () -> notice(administration.resetCredentials(me(), id,
        password.isEmpty() ? null : password), reset -> {
          int revoked = reset.tokensRevoked();
          return "Credentials of account " + id + " reset: give the person the new password in person; they enroll a"
              + " new authenticator at their next sign-in. Their sessions end and " + revoked + " API token"
              + (revoked == 1 ? " was" : "s were") + " revoked.";
        }));
  }

  @PostMapping(value = "/admin/accounts/changes/{changeId}/approval", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView approve(HttpServletRequest request, HttpServletResponse response, @PathVariable long changeId) {
    return act(request, response, () -> {
      AccountChanges.Approval a = changes.approve(me(), changeId);
      String notice = "Change " + changeId + " approved: " + describe(a.change()) + " (account " + a.account().id()
          + ") is in effect.";
      if (a.initialPassword() == null) {
        return Shown.notice(notice);
      }
      return new Shown(notice + " Give the person this one-time password in person; they enroll an authenticator"
          + " at their first sign-in and should then choose their own password. It is not shown again.",
          a.initialPassword());
    });
  }

  @PostMapping(value = "/admin/accounts/changes/{changeId}/rejection", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView reject(HttpServletRequest request, HttpServletResponse response, @PathVariable long changeId) {
    return act(request, response, () -> {
      AccountChange c = changes.reject(me(), changeId);
      return Shown.notice("Change " + c.id() + " " + (c.requestedBy() == me().id() ? "withdrawn" : "rejected")
          + ": nothing was changed.");
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/training", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView training(HttpServletRequest request, HttpServletResponse response, @PathVariable long id,
      @RequestParam(defaultValue = "") String course, @RequestParam(defaultValue = "") String completedOn,
      @RequestParam(defaultValue = "") String expiresOn) {
    return act(request, response, () -> {
      administration.recordTraining(me(), id, course, date("completedOn", completedOn), date("expiresOn", expiresOn));
      return Shown.notice("Training of account " + id + " recorded.");
    });
  }

  /** The notice of a request that took effect, or of one that now waits for a second administrator. */
  private static <T> Shown notice(Outcome<T> outcome, Function<T, String> done) {
    if (outcome instanceof Outcome.Pending<T> pending) {
      AccountChange c = pending.change();
      return Shown.notice("Change " + c.id() + " (" + describe(c) + ") waits for a second administrator's approval;"
          + " nothing has changed yet.");
    }
    return Shown.notice(done.apply(((Outcome.Done<T>) outcome).result()));
  }

  private static String describe(AccountChange c) {
    return switch (c.kind()) {
      case CREATE -> "create an account with " + String.join(", ", c.roles());
      case GRANT -> "set the roles of account " + c.accountId() + " to " + String.join(", ", c.roles());
      case RESET -> "reset the credentials of account " + c.accountId();
      case ENABLE -> "re-enable account " + c.accountId();
    };
  }

  private ModelAndView act(HttpServletRequest request, HttpServletResponse response, Supplier<Shown> action) {
    return act(request, response, AdminView.Draft.NONE, action);
  }

  /** Runs an action; refused, the page shows why, with {@code typed} back in the new-account form. */
  private ModelAndView act(HttpServletRequest request, HttpServletResponse response, AdminView.Draft typed,
      Supplier<Shown> action) {
    try {
      return render(request, response, action.get(), null, AdminView.Draft.NONE);
    } catch (Refusal e) {
      // shown on the page as before: the page itself answers 200
      return render(request, response, null, RefusalView.of(e, statuses.of(e)), typed);
    }
  }

  private static LocalDate date(String field, String value) {
    try {
      return value.isBlank() ? null : LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(field, field + " must be a date written YYYY-MM-DD");
    }
  }

  private ModelAndView render(HttpServletRequest request, HttpServletResponse response, Shown shown,
      RefusalView refusal, AdminView.Draft draft) {
    List<Account> all = accounts.all();
    Map<Long, String> usernames = new HashMap<>();
    all.forEach(a -> usernames.put(a.id(), a.username()));
    List<AdminView.AccountRow> rows = all.stream()
        .map(a -> new AdminView.AccountRow(a.id(), a.username(), a.displayName(), a.roles(), a.enabled(), a.locked(),
            gate.hasCurrentTraining(a.id()), ShownTime.of(a.lastSignInAt(), zone),
            a.roles().stream().anyMatch(AccountAdministration.PRIVILEGED_ROLES::contains)))
        .toList();
    long me = me().id();
    List<AdminView.ChangeRow> pending = changes.pending().stream()
        .map(c -> new AdminView.ChangeRow(c.id(), c.kind().name(), describe(c),
            c.username() != null ? c.username() + " (new)" : usernames.getOrDefault(c.accountId(), "?"),
            usernames.getOrDefault(c.requestedBy(), "account " + c.requestedBy()), ShownTime.of(c.requestedAt(), zone),
            c.requestedBy() == me))
        .toList();
    Pages.noStore(response);
    return Pages.page("accounts/admin", new AdminView(Layout.of("Accounts · Glassplate", request),
        shown == null ? null : shown.notice(), refusal, shown == null ? null : shown.initialPassword(), pending, rows,
        AccountAdministration.PERSON_ROLES.stream().sorted().toList(), draft));
  }
}

package org.glassplate.server.accounts.web;

import static org.glassplate.server.accounts.web.Html.csrf;
import static org.glassplate.server.accounts.web.Html.esc;
import static org.glassplate.server.accounts.web.Html.page;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Supplier;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** A plain administration page over the same services as the API (R-ACC-1). */
@Controller
class AdminPage {
  private final Accounts accounts;
  private final AccountAdministration administration;
  private final TrainingGate gate;

  AdminPage(Accounts accounts, AccountAdministration administration, TrainingGate gate) {
    this.accounts = accounts;
    this.administration = administration;
    this.gate = gate;
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> show(HttpServletRequest request) {
    return SignInPages.html(render(request, ""));
  }

  @PostMapping(value = "/admin/accounts", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> create(HttpServletRequest request, @RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = "") String displayName, @RequestParam(defaultValue = "") String password,
      @RequestParam(required = false) List<String> roles) {
    return act(request, () -> {
      Account a = administration.create(me(), new AccountAdministration.NewAccount(username, displayName, password,
          roles == null ? List.of() : roles));
      return "Account " + a.id() + " created. The person signs in with the password and enrolls an authenticator.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/roles", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> roles(HttpServletRequest request, @PathVariable long id,
      @RequestParam(required = false) List<String> roles) {
    return act(request, () -> {
      administration.changeRoles(me(), id, roles == null ? List.of() : roles);
      return "Roles of account " + id + " changed.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/enabled", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> enabled(HttpServletRequest request, @PathVariable long id, @RequestParam boolean enabled) {
    return act(request, () -> {
      if (enabled) {
        administration.enable(me(), id);
      } else {
        administration.disable(me(), id);
      }
      return "Account " + id + (enabled ? " enabled." : " disabled.");
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/lockout-release", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> release(HttpServletRequest request, @PathVariable long id) {
    return act(request, () -> {
      administration.releaseLockout(me(), id);
      return "Lockout of account " + id + " released.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/credential-reset", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> resetCredentials(HttpServletRequest request, @PathVariable long id,
      @RequestParam(defaultValue = "") String password) {
    return act(request, () -> {
      int revoked = administration.resetCredentials(me(), id, password).tokensRevoked();
      return "Credentials of account " + id + " reset: give the person the new password in person; they enroll a new"
          + " authenticator at their next sign-in. Their sessions end and " + revoked + " API token"
          + (revoked == 1 ? " was" : "s were") + " revoked.";
    });
  }

  @PostMapping(value = "/admin/accounts/{id}/training", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> training(HttpServletRequest request, @PathVariable long id,
      @RequestParam(defaultValue = "") String course, @RequestParam(defaultValue = "") String completedOn,
      @RequestParam(defaultValue = "") String expiresOn) {
    return act(request, () -> {
      administration.recordTraining(me(), id, course, date("completedOn", completedOn), date("expiresOn", expiresOn));
      return "Training of account " + id + " recorded.";
    });
  }

  private ResponseEntity<String> act(HttpServletRequest request, Supplier<String> action) {
    String message;
    try {
      message = "<p class=\"note\" id=\"message\">" + esc(action.get()) + "</p>";
    } catch (Refusal e) {
      message = "<p class=\"error\" id=\"message\">" + esc(e.getMessage())
          + (e.field() != null ? " (" + esc(e.field()) + ")" : "") + "</p>";
    }
    return SignInPages.html(render(request, message));
  }

  private static LocalDate date(String field, String value) {
    try {
      return value.isBlank() ? null : LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(field, field + " must be a date written YYYY-MM-DD");
    }
  }

  private String render(HttpServletRequest request, String message) {
    String token = csrf(request);
    List<String> allRoles = AccountAdministration.PERSON_ROLES.stream().sorted().toList();
    StringBuilder rows = new StringBuilder();
    for (Account a : accounts.all()) {
      StringBuilder roleBoxes = new StringBuilder();
      for (String r : allRoles) {
        roleBoxes.append("<label style=\"display:inline\"><input type=\"checkbox\" name=\"roles\" value=\"").append(r)
            .append('"').append(a.roles().contains(r) ? " checked" : "").append("> ").append(r.toLowerCase())
            .append("</label> ");
      }
      rows.append("<tr id=\"account-").append(a.id()).append("\"><td>").append(a.id()).append("</td><td>")
          .append(esc(a.username())).append("</td><td>").append(esc(a.displayName())).append("</td><td>")
          .append("<form class=\"inline\" method=\"post\" action=\"/admin/accounts/").append(a.id()).append("/roles\">")
          .append(token).append(roleBoxes).append("<button type=\"submit\">Set roles</button></form></td><td>")
          .append(a.enabled() ? "enabled" : "disabled").append(a.locked() ? ", locked" : "")
          .append(gate.hasCurrentTraining(a.id()) ? ", trained" : ", <strong>training not current</strong>")
          .append("<br>last sign-in ").append(a.lastSignInAt() == null ? "never" : a.lastSignInAt().toString())
          .append("</td><td>")
          .append("<form class=\"inline\" method=\"post\" action=\"/admin/accounts/").append(a.id()).append("/enabled\">")
          .append(token).append("<input type=\"hidden\" name=\"enabled\" value=\"").append(!a.enabled()).append("\">")
          .append("<button type=\"submit\">").append(a.enabled() ? "Disable" : "Enable").append("</button></form>");
      if (a.locked()) {
        rows.append(" <form class=\"inline\" method=\"post\" action=\"/admin/accounts/").append(a.id())
            .append("/lockout-release\">").append(token).append("<button type=\"submit\">Release lockout</button></form>");
      }
      rows.append("<details><summary>Record training</summary><form method=\"post\" action=\"/admin/accounts/")
          .append(a.id()).append("/training\">").append(token)
          .append("<label>Course <input type=\"text\" name=\"course\" required></label>")
          .append("<label>Completed <input type=\"date\" name=\"completedOn\" required></label>")
          .append("<label>Expires <input type=\"date\" name=\"expiresOn\" required></label>")
          .append("<button type=\"submit\">Record</button></form></details>")
          .append("<details><summary>Reset password and authenticator</summary><form method=\"post\" action=\"/admin/accounts/")
          .append(a.id()).append("/credential-reset\">").append(token)
          .append("<label>New password (at least 12 characters) <input type=\"password\" name=\"password\""
              + " autocomplete=\"new-password\" minlength=\"12\" required></label>")
          .append("<button type=\"submit\">Reset</button></form></details></td></tr>");
    }
    StringBuilder createRoles = new StringBuilder();
    for (String r : allRoles) {
      createRoles.append("<label style=\"display:inline\"><input type=\"checkbox\" name=\"roles\" value=\"").append(r)
          .append("\"> ").append(r.toLowerCase()).append("</label> ");
    }
    String body = """
        <nav><a href="/">Home</a></nav>
        <h1>Accounts</h1>
        %s
        <table id="accounts"><tr><th>Id</th><th>Username</th><th>Name</th><th>Roles</th><th>State</th><th>Actions</th></tr>%s</table>
        <h2>New account</h2>
        <form method="post" action="/admin/accounts" id="create-form">%s
          <label for="new-username">Username</label><input type="text" id="new-username" name="username" required>
          <label for="new-display-name">Name</label><input type="text" id="new-display-name" name="displayName" required>
          <label for="new-password">Initial password (at least 12 characters, not a common one)</label><input type="password" id="new-password" name="password" autocomplete="new-password" required minlength="12">
          <p>%s</p>
          <button type="submit">Create</button>
        </form>
        <p>Accounts are never deleted, so their ids are never reused: disable them instead.</p>
        """.formatted(message, rows, token, createRoles);
    return page("Accounts", body);
  }
}

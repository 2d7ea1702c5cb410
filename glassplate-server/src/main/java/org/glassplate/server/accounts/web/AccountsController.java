package org.glassplate.server.accounts.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.AccountAdministration.Outcome;
import org.glassplate.server.accounts.AccountChange;
import org.glassplate.server.accounts.AccountChanges;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.accounts.TrainingRecord;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.Pages;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The accounts API: administrators manage people (R-ACC-1, R-ACC-5), supervisors record training
 * and ask to re-enable idle accounts (R-ACC-3, R-ACC-4), everyone sees themselves and their tokens.
 * A privileged change (R-ACC-7) answers 202 {@code {"changeId","status":"PENDING"}} and takes effect
 * when a different administrator approves it at {@code POST /api/v1/accounts/changes/{changeId}/approval}.
 * Roles per endpoint are in {@link AccountsEndpoints}; the service checks them again.
 */
@RestController
class AccountsController {
  private final Accounts accounts;
  private final AccountAdministration administration;
  private final AccountChanges changes;
  private final ApiTokens tokens;
  private final TrainingGate gate;

  AccountsController(Accounts accounts, AccountAdministration administration, AccountChanges changes,
      ApiTokens tokens, TrainingGate gate) {
    this.accounts = accounts;
    this.administration = administration;
    this.changes = changes;
    this.tokens = tokens;
    this.gate = gate;
  }

  record NewAccountBody(String username, String displayName, String password, List<String> roles) {
    @Override
    public String toString() {
      return "NewAccountBody[roles=" + roles + "]";
    }
  }

  record RolesBody(List<String> roles) {
  }

  record EnabledBody(Boolean enabled) {
  }

  record TrainingBody(String course, String completedOn, String expiresOn) {
  }

  record TokenBody(String name, Integer days) {
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  /** An account as the API shows it; {@code lastSignInAt} is null until the first sign-in. */
  record AccountView(long id, String username, String displayName, List<String> roles, boolean enabled,
      boolean locked, String lastSignInAt, boolean trainingCurrent) {
  }

  record AccountList(List<AccountView> accounts) {
  }

  /** An account after an administrator reset its credentials. */
  record CredentialResetView(long id, String username, String displayName, List<String> roles, boolean enabled,
      boolean locked, String lastSignInAt, boolean trainingCurrent, int tokensRevoked,
      String authenticatorEnrollment) {
  }

  record Clearance(long accountId, boolean trainingCurrent, String trainingExpiresOn) {
  }

  /** A change waiting for a second administrator (202), or one just rejected. */
  record ChangeStatus(long changeId, String status) {
  }

  /** A change as administrators see it; {@code username} and {@code displayName} only for a CREATE. */
  record ChangeView(long changeId, String kind, String status, Long accountId, String username, String displayName,
      List<String> roles, List<String> previousRoles, String requestedBy, String requestedAt) {
  }

  record ChangeList(List<ChangeView> changes) {
  }

  /**
   * An approved change, now in effect. {@code initialPassword} (CREATE and RESET only) is shown this
   * once, to the approving administrator, who gives it to the person; they enroll an authenticator at
   * their first sign-in.
   */
  record ApprovedChange(long changeId, String status, String kind, long accountId, String initialPassword) {
    @Override
    public String toString() {
      return "ApprovedChange[" + changeId + "]";
    }
  }

  record TokenList(List<ApiTokens.ApiToken> tokens) {
  }

  /** A new token, shown once. */
  record NewToken(String token, ApiTokens.ApiToken description) {
    @Override
    public String toString() {
      return "NewToken[hidden]";
    }
  }

  @GetMapping("/api/v1/accounts")
  AccountList list() {
    return new AccountList(accounts.all().stream().map(this::view).toList());
  }

  @GetMapping("/api/v1/accounts/{id}")
  AccountView one(@PathVariable long id) {
    return view(accounts.find(id).orElseThrow(() -> ApiException.notFound("account")));
  }

  @PostMapping("/api/v1/accounts")
  ResponseEntity<?> create(@RequestBody NewAccountBody body) {
    Outcome<Account> created = administration.create(me(), new AccountAdministration.NewAccount(body.username(),
        body.displayName(), body.password(), body.roles()));
    return answer(created, HttpStatus.CREATED, this::view);
  }

  @PutMapping("/api/v1/accounts/{id}/roles")
  ResponseEntity<?> roles(@PathVariable long id, @RequestBody RolesBody body) {
    return answer(administration.changeRoles(me(), id, body.roles()), HttpStatus.OK, this::view);
  }

  @PostMapping("/api/v1/accounts/{id}/enabled")
  ResponseEntity<?> enabled(@PathVariable long id, @RequestBody EnabledBody body) {
    if (body.enabled() == null) {
      throw ApiException.unprocessable("enabled", "enabled (true or false) is required");
    }
    if (!body.enabled()) {
      return ResponseEntity.ok(view(administration.disable(me(), id)));
    }
    return answer(administration.enable(me(), id), HttpStatus.OK, this::view);
  }

  record CredentialResetBody(String password) {
    @Override
    public String toString() {
      return "CredentialResetBody[hidden]";
    }
  }

  /** A reset of a privileged account takes no password: it waits for a second administrator (R-ACC-7). */
  @PostMapping("/api/v1/accounts/{id}/credential-reset")
  ResponseEntity<?> resetCredentials(@PathVariable long id, @RequestBody(required = false) CredentialResetBody body) {
    Outcome<AccountAdministration.CredentialReset> outcome =
        administration.resetCredentials(me(), id, body == null ? null : body.password());
    return answer(outcome, HttpStatus.OK, reset -> {
      AccountView a = view(reset.account());
      return new CredentialResetView(a.id(), a.username(), a.displayName(), a.roles(), a.enabled(), a.locked(),
          a.lastSignInAt(), a.trainingCurrent(), reset.tokensRevoked(), "at the next sign-in");
    });
  }

  /** The privileged changes waiting for a second administrator, oldest first. */
  @GetMapping("/api/v1/accounts/changes")
  ChangeList pendingChanges() {
    return new ChangeList(changes.pending().stream().map(AccountsController::view).toList());
  }

  @PostMapping("/api/v1/accounts/changes/{changeId}/approval")
  ApprovedChange approve(@PathVariable long changeId, HttpServletResponse response) {
    AccountChanges.Approval a = changes.approve(me(), changeId);
    Pages.noStore(response); // it may carry a one-time password
    return new ApprovedChange(a.change().id(), a.change().status().name(), a.change().kind().name(),
        a.account().id(), a.initialPassword());
  }

  /** Rejects a pending change, or withdraws it when the one who asked does. */
  @PostMapping("/api/v1/accounts/changes/{changeId}/rejection")
  ChangeStatus reject(@PathVariable long changeId) {
    AccountChange c = changes.reject(me(), changeId);
    return new ChangeStatus(c.id(), c.status().name());
  }

  @PostMapping("/api/v1/accounts/{id}/lockout-release")
  AccountView release(@PathVariable long id) {
    return view(administration.releaseLockout(me(), id));
  }

  @PostMapping("/api/v1/accounts/{id}/training")
  ResponseEntity<TrainingRecord> training(@PathVariable long id, @RequestBody TrainingBody body) {
    TrainingRecord t = administration.recordTraining(me(), id, body.course(), date("completedOn", body.completedOn()),
        date("expiresOn", body.expiresOn()));
    return ResponseEntity.status(HttpStatus.CREATED).body(t);
  }

  @GetMapping("/api/v1/me")
  AccountView self() {
    return view(accounts.find(me().id()).orElseThrow());
  }

  /**
   * Whether the caller may reach plate data now as far as training goes (R-ACC-3): 200, or 403
   * {@code TRAINING_REQUIRED} saying why. Scripts can check before they search.
   */
  @GetMapping("/api/v1/me/clearance")
  Clearance clearance() {
    Caller me = me();
    gate.requireCurrentTraining(me);
    return new Clearance(me.id(), true, String.valueOf(gate.currentUntil(me.id())));
  }

  @GetMapping("/api/v1/tokens")
  TokenList myTokens() {
    return new TokenList(tokens.list(me().id()));
  }

  /** Creating a token needs a browser session signed in with password and TOTP, never another token. */
  @PostMapping("/api/v1/tokens")
  ResponseEntity<NewToken> createToken(@RequestBody TokenBody body) {
    Caller me = AccountPage.interactivePerson();
    ApiTokens.IssuedToken issued = tokens.create(me, body.name(), body.days() == null ? ApiTokens.MAX_DAYS : body.days());
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new NewToken(issued.token(), issued.description()));
  }

  @DeleteMapping("/api/v1/tokens/{id}")
  ApiTokens.ApiToken revokeToken(@PathVariable long id) {
    return tokens.revoke(me(), id);
  }

  /** 202 {@code {"changeId","status":"PENDING"}} for a change that waits, or the result with {@code done}. */
  private static <T> ResponseEntity<?> answer(Outcome<T> outcome, HttpStatus done,
      Function<T, ?> view) {
    if (outcome instanceof Outcome.Pending<T> pending) {
      return ResponseEntity.status(HttpStatus.ACCEPTED)
          .body(new ChangeStatus(pending.change().id(), pending.change().status().name()));
    }
    return ResponseEntity.status(done).body(view.apply(((Outcome.Done<T>) outcome).result()));
  }

  private static ChangeView view(AccountChange c) {
    return new ChangeView(c.id(), c.kind().name(), c.status().name(), c.accountId(), c.username(), c.displayName(),
        c.roles(), c.previousRoles(), Account.pseudonym(c.requestedBy()), c.requestedAt().toString());
  }

  private AccountView view(Account a) {
    return new AccountView(a.id(), a.username(), a.displayName(), a.roles().stream().sorted().toList(), a.enabled(),
        a.locked(), a.lastSignInAt() == null ? null : a.lastSignInAt().toString(), gate.hasCurrentTraining(a.id()));
  }

  private static LocalDate date(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApiException.unprocessable(field, field + " (YYYY-MM-DD) is required");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw ApiException.unprocessable(field, field + " must be a date written YYYY-MM-DD");
    }
  }
}

package org.glassplate.server.accounts.web;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.AccountAdministration;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.accounts.TrainingGate;
import org.glassplate.server.accounts.TrainingRecord;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
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
 * and re-enable idle accounts (R-ACC-3, R-ACC-4), everyone sees themselves and their tokens.
 * Roles per endpoint are in {@link AccountsEndpoints}; the service checks them again.
 */
@RestController
class AccountsController {
  private final Accounts accounts;
  private final AccountAdministration administration;
  private final ApiTokens tokens;
  private final TrainingGate gate;
  private final Clock clock;

  AccountsController(Accounts accounts, AccountAdministration administration, ApiTokens tokens, TrainingGate gate,
      Clock clock) {
    this.accounts = accounts;
    this.administration = administration;
    this.tokens = tokens;
    this.gate = gate;
    this.clock = clock;
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
  ResponseEntity<AccountView> create(@RequestBody NewAccountBody body) {
    Account created = administration.create(me(), new AccountAdministration.NewAccount(body.username(),
        body.displayName(), body.password(), body.roles()));
    return ResponseEntity.status(HttpStatus.CREATED).body(view(created));
  }

  @PutMapping("/api/v1/accounts/{id}/roles")
  AccountView roles(@PathVariable long id, @RequestBody RolesBody body) {
    return view(administration.changeRoles(me(), id, body.roles()));
  }

  @PostMapping("/api/v1/accounts/{id}/enabled")
  AccountView enabled(@PathVariable long id, @RequestBody EnabledBody body) {
    if (body.enabled() == null) {
      throw ApiException.unprocessable("enabled", "enabled (true or false) is required");
    }
    return view(body.enabled() ? administration.enable(me(), id) : administration.disable(me(), id));
  }

  record CredentialResetBody(String password) {
    @Override
    public String toString() {
      return "CredentialResetBody[hidden]";
    }
  }

  @PostMapping("/api/v1/accounts/{id}/credential-reset")
  CredentialResetView resetCredentials(@PathVariable long id, @RequestBody CredentialResetBody body) {
    AccountAdministration.CredentialReset reset = administration.resetCredentials(me(), id, body.password());
    AccountView a = view(reset.account());
    return new CredentialResetView(a.id(), a.username(), a.displayName(), a.roles(), a.enabled(), a.locked(),
        a.lastSignInAt(), a.trainingCurrent(), reset.tokensRevoked(), "at the next sign-in");
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
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    LocalDate until = accounts.training(me.id()).stream().filter(t -> t.currentOn(today))
        .map(TrainingRecord::expiresOn).max(LocalDate::compareTo).orElseThrow();
    return new Clearance(me.id(), true, until.toString());
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

package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates ready-to-use people for the demo agency and for tests: an account with roles, a
 * password, an enrolled TOTP secret, (by default) current training and a personal API token. The
 * secrets are returned this once and are not kept in readable form (the TOTP secret aside, which
 * the server needs to check codes). Every step is audited as the {@code system} actor, like any
 * other account change.
 *
 * <p>This is how the first administrators come to exist: seeding runs as the server itself, not as
 * an API request, so it needs no second administrator (R-ACC-7) and leaves no lineage; every
 * privileged change a person asks for afterwards does.
 *
 * <pre>{@code
 * SeededUser u = seeder.seed(AccountSeeder.Spec.of("investigator", "Ivy Investigator", Roles.INVESTIGATOR));
 * u.apiToken();   // "gpu_…", for Authorization: Bearer
 * seeder.seed(AccountSeeder.Spec.of("trainee", "T. Rainee", Roles.INVESTIGATOR).withoutTraining());
 * }</pre>
 */
@Component
public class AccountSeeder {
  static final String DEMO_COURSE = "Glassplate ALPR use, privacy and policy";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private final AccountAdministration administration;
  private final AccountStore store;
  private final ApiTokens tokens;
  private final AuditRecorder audit;
  private final TrainingGate gate;

  AccountSeeder(AccountAdministration administration, AccountStore store, ApiTokens tokens, AuditRecorder audit,
      TrainingGate gate) {
    this.administration = administration;
    this.store = store;
    this.tokens = tokens;
    this.audit = audit;
    this.gate = gate;
  }

  /**
   * What to create.
   *
   * @param username the sign-in name
   * @param displayName the person's name
   * @param roles at least one of {@link AccountAdministration#PERSON_ROLES}
   * @param password null for a random 24-character password
   * @param currentTraining whether to record a course completed today, valid for a year
   * @param tokenDays the API token's lifetime in days (1 to 90), or 0 for no token
   */
  public record Spec(String username, String displayName, Set<String> roles, String password,
      boolean currentTraining, int tokenDays) {
    public Spec {
      roles = Set.copyOf(roles);
      if (tokenDays < 0 || tokenDays > ApiTokens.MAX_DAYS) {
        throw new IllegalArgumentException("tokenDays must be 0 (no token) to " + ApiTokens.MAX_DAYS);
      }
    }

    public static Spec of(String username, String displayName, String... roles) {
      return new Spec(username, displayName, Set.of(roles), null, true, ApiTokens.MAX_DAYS);
    }

    public Spec withPassword(String password) {
      return new Spec(username, displayName, roles, password, currentTraining, tokenDays);
    }

    public Spec withoutTraining() {
      return new Spec(username, displayName, roles, password, false, tokenDays);
    }

    public Spec withTokenDays(int days) {
      return new Spec(username, displayName, roles, password, currentTraining, days);
    }

    @Override
    public String toString() {
      return "Spec[roles=" + roles + "]";
    }
  }

  /**
   * A created person and their secrets, shown once (demo-credentials.json).
   *
   * @param apiToken {@code gpu_…}, or null when {@code tokenDays} was 0
   */
  public record SeededUser(long id, String username, String password, String totpSecret, List<String> roles,
      String apiToken) {
    @Override
    public String toString() {
      return "SeededUser[user:" + id + "]";
    }
  }

  /** Whether a username is taken (seeding is for first start; usernames are never reused). */
  public boolean exists(String username) {
    return store.usernameTaken(AccountAdministration.normalizeUsername(username));
  }

  /**
   * Creates the person in one transaction.
   *
   * @throws org.glassplate.server.core.Refusal 409 if the username is taken, 422 if the password
   *     or roles break the rules
   */
  @Transactional
  public SeededUser seed(Spec spec) {
    Caller system = Caller.system();
    String password = spec.password() != null ? spec.password() : randomPassword();
    // the server's own seeding is not a request: it takes effect at once, with no second person (R-ACC-7)
    AccountAdministration.Outcome<Account> created = administration.create(system,
        new AccountAdministration.NewAccount(spec.username(), spec.displayName(), password, spec.roles()));
    if (!(created instanceof AccountAdministration.Outcome.Done<Account> done)) {
      throw new IllegalStateException("seeding an account must take effect at once");
    }
    Account account = done.result();
    String secret = Totp.newSecret();
    store.confirmTotp(account.id(), secret, 0);
    audit.record(AuditEvent.of(AccountsAuditTypes.MFA_ENROLLED, system).with("accountId", account.id()).build());
    if (spec.currentTraining()) {
      LocalDate today = gate.today();
      administration.recordTraining(system, account.id(), DEMO_COURSE, today, today.plusYears(1));
    }
    String token = null;
    if (spec.tokenDays() > 0) {
      token = tokens.issue(system, store.find(account.id()).orElseThrow(), "seeded", spec.tokenDays()).token();
    }
    return new SeededUser(account.id(), account.username(), password, secret,
        AccountAdministration.sorted(account.roles()), token);
  }

  static String randomPassword() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      if (i > 0 && i % 6 == 0) {
        sb.append('-');
      }
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}

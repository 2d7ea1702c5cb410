package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Read-only access to people's accounts for other features, e.g. to show who did something to a
 * user allowed to see it. Names are personal data: never log them or put them in public audit
 * fields (R-AUD-4).
 */
@Component
public class Accounts {
  private final AccountStore store;

  Accounts(AccountStore store) {
    this.store = store;
  }

  public Optional<Account> find(long id) {
    return store.find(id).map(AccountStore.Row::account);
  }

  public Optional<Account> findByUsername(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return store.findByUsername(username.trim().toLowerCase(Locale.ROOT)).map(AccountStore.Row::account);
  }

  /** Every account, oldest first (accounts are never deleted). */
  public List<Account> all() {
    return store.all().stream().map(AccountStore.Row::account).toList();
  }

  /** The person's training records, latest expiry first. */
  public List<TrainingRecord> training(long accountId) {
    return store.training(accountId).stream()
        .map(t -> new TrainingRecord(t.id(), t.course(), t.completedOn(), t.expiresOn())).toList();
  }
}

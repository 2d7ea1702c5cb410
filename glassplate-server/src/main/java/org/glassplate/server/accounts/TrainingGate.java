package org.glassplate.server.accounts;

import org.glassplate.server.accounts.internal.AccountStore;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.springframework.stereotype.Component;

/**
 * The training check in front of plate data (R-ACC-3): searching, viewing alerts and exporting
 * need a current training record. Features call {@link #requireCurrentTraining} before they
 * touch plate data and audit their own refusal (reason code {@code TRAINING_REQUIRED}); the gate itself
 * records nothing.
 *
 * <p>Who is checked: a {@code USER} needs current training. {@code SYSTEM} (the server's own
 * scheduled work) passes. {@code PARTNER} passes here: a partner agency's training is vouched for
 * by its sharing agreement, which the sharing feature checks (R-SHR). {@code CAMERA} is refused:
 * cameras never reach plate data.
 *
 * <p>Days are UTC days of the injected clock.
 */
@Component
public class TrainingGate {
  /** The error code of a refusal. */
  public static final AccountRefusal CODE = AccountRefusal.TRAINING_REQUIRED;

  private final AccountStore store;
  private final Clock clock;

  TrainingGate(AccountStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * Returns when the caller may reach plate data as far as training goes.
   *
   * @throws Refusal 403 {@code TRAINING_REQUIRED}, saying whether no training is recorded or
   *     on which day it expired
   */
  public void requireCurrentTraining(Caller caller) {
    switch (caller.kind()) {
      case SYSTEM, PARTNER -> {
        return;
      }
      case CAMERA -> throw refusal("a camera credential cannot reach plate data; only trained people can");
      case USER -> {
        String why = missing(caller.id());
        if (why != null) {
          throw refusal(why);
        }
      }
      default -> throw refusal("unknown kind of caller");
    }
  }

  /** Whether the person has a training record current today. */
  public boolean hasCurrentTraining(long accountId) {
    return missing(accountId) == null;
  }

  /** Why the person's training is not current, or null when it is. */
  String missing(long accountId) {
    LocalDate today = today();
    List<AccountStore.Training> records = store.training(accountId);
    if (records.stream().anyMatch(t -> t.currentOn(today))) {
      return null;
    }
    LocalDate lastExpiry = records.stream().map(AccountStore.Training::expiresOn)
        .filter(d -> !d.isAfter(today)).max(LocalDate::compareTo).orElse(null);
    if (lastExpiry != null) {
      return "searching, alerts and exports need current training: your training expired on " + lastExpiry;
    }
    if (!records.isEmpty()) {
      return "searching, alerts and exports need current training: your recorded training has not started yet";
    }
    return "searching, alerts and exports need current training: no training is recorded for you";
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Refusal refusal(String message) {
    return new Refusal(CODE, message);
  }
}

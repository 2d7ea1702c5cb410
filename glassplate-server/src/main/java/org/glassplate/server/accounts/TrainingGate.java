package org.glassplate.server.accounts;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.glassplate.server.accounts.internal.AccountChangeStore;
import org.glassplate.server.accounts.internal.AccountStore;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.TrainingCheck;
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
 * <p>Whose training counts: only training recorded by someone else (R-ACC-7). A record made by the
 * person themselves, or by an account tied to theirs by lineage (one they created, reset or granted a
 * role to, or one that created or reset theirs: {@link Approvers}), does not count, whenever it was
 * made: an administrator who resets an investigator's password cannot sign in as them on the strength
 * of training they recorded themselves. Nor on the strength of training someone else recorded before
 * the reset: a reset by a person (who then holds the credentials) ends the training that was on record,
 * and someone not tied to the resetter confirms it again (so one administrator alone cannot reset an
 * investigator and search as them).
 *
 * <p>Days are UTC days of the injected clock.
 */
@Component
public class TrainingGate implements TrainingCheck {
  /** The error code of a refusal. */
  public static final AccountRefusal CODE = AccountRefusal.TRAINING_REQUIRED;

  private final AccountStore store;
  private final AccountChangeStore lineage;
  private final Clock clock;

  TrainingGate(AccountStore store, AccountChangeStore lineage, Clock clock) {
    this.store = store;
    this.lineage = lineage;
    this.clock = clock;
  }

  /**
   * Returns when the caller may reach plate data as far as training goes.
   *
   * @throws Refusal 403 {@code TRAINING_REQUIRED}, saying whether no training is recorded or
   *     on which day it expired
   */
  @Override
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

  /** The latest expiry among the person's current training that counts, or null when none is current. */
  public LocalDate currentUntil(long accountId) {
    LocalDate today = today();
    return countable(accountId).stream().filter(t -> t.currentOn(today)).map(AccountStore.Training::expiresOn)
        .max(LocalDate::compareTo).orElse(null);
  }

  /** Why the person's training is not current, or null when it is. */
  String missing(long accountId) {
    LocalDate today = today();
    List<AccountStore.Training> all = store.training(accountId);
    List<AccountStore.Training> records = countable(accountId, all);
    if (records.stream().anyMatch(t -> t.currentOn(today))) {
      return null;
    }
    if (all.stream().anyMatch(t -> t.currentOn(today))) {
      return "searching, alerts and exports need current training recorded by someone else: yours was recorded"
          + " by you or by an account tied to yours, or before your credentials were last reset (R-ACC-7)";
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

  /** The person's training records that count: recorded by the server or by someone not tied to them. */
  List<AccountStore.Training> countable(long accountId) {
    return countable(accountId, store.training(accountId));
  }

  private List<AccountStore.Training> countable(long accountId, List<AccountStore.Training> records) {
    Instant reset = lineage.lastResetByPerson(accountId).orElse(null);
    List<AccountStore.Training> sinceReset = reset == null ? records
        : records.stream().filter(t -> t.recordedAt().isAfter(reset)).toList();
    if (sinceReset.stream().allMatch(t -> t.recordedByAccount() == null)) {
      return sinceReset;
    }
    Map<Long, AccountChangeStore.Tie> ties = lineage.ties(accountId);
    return sinceReset.stream().filter(t -> t.recordedByAccount() == null
        || (t.recordedByAccount() != accountId && !ties.containsKey(t.recordedByAccount()))).toList();
  }

  LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Refusal refusal(String message) {
    return new Refusal(CODE, message);
  }
}

package org.glassplate.server.core;

/**
 * The training check in front of plate data (R-ACC-3), for a feature that the accounts feature
 * itself depends on: the audit log, whose opened entries show plates, names and case numbers,
 * cannot depend on accounts (accounts writes to the log), so it asks through this.
 * {@code accounts.TrainingGate} is the one implementation; other features use it directly.
 */
public interface TrainingCheck {

  /**
   * Returns when the caller may reach plate data as far as training goes.
   *
   * @throws Refusal 403 {@code TRAINING_REQUIRED}, saying why
   */
  void requireCurrentTraining(Caller caller);
}

package org.glassplate.server.accounts.web;

import java.util.List;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/** The view model of {@code accounts/account.jte}: the lists, and what the last action did. */
public record AccountView(Layout layout, Notice notice, RefusalView refusal, List<TrainingRow> training,
    List<TokenRow> tokens, int maxDays) {

  /** What an action did: a new token (shown once), a revoked one, or a changed password. */
  public record Notice(ApiTokens.IssuedToken issued, Long revoked, boolean passwordChanged) {
  }

  public record TrainingRow(String course, String completedOn, String expiresOn) {
  }

  public record TokenRow(long id, String name, String roles, String expiresAt, String state, boolean revocable) {
  }
}

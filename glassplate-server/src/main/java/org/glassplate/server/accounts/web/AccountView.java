package org.glassplate.server.accounts.web;

import java.util.List;
import org.glassplate.server.accounts.ApiTokens;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code accounts/account.jte}: the lists, and what the last action did.
 *
 * @param issuedExpires when the token just issued expires, or null
 */
public record AccountView(Layout layout, Notice notice, RefusalView refusal, List<TrainingRow> training,
    List<TokenRow> tokens, int maxDays, ShownTime issuedExpires) {

  /** Whether {@code field} is the one the refusal concerns: the form marks and focuses it. */
  public boolean invalid(String field) {
    return refusal() != null && field.equals(refusal().field());
  }

  /** What an action did: a new token (shown once), a revoked one, or a changed password. */
  public record Notice(ApiTokens.IssuedToken issued, Long revoked, boolean passwordChanged) {
  }

  public record TrainingRow(String course, String completedOn, String expiresOn) {
  }

  public record TokenRow(long id, String name, String roles, ShownTime expiresAt, String state, boolean revocable) {
  }
}

package org.glassplate.server.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * People's browser sessions in the session store (Spring Session JDBC, indexed by the principal name,
 * which is the person's pseudonym): ends them all when access is withdrawn (R-ACC-7; issue 12 item 4),
 * rather than at their next request, and tells whether one is still within its limits (R-ACC-5), for
 * a long-lived request opened with it. Every session ended is audited as {@code SESSION_ENDED}, as the
 * {@link SessionGuard} audits the ones it ends.
 */
@Component
class BrowserSessions {
  private static final Logger log = LoggerFactory.getLogger(BrowserSessions.class);

  private final FindByIndexNameSessionRepository<? extends Session> sessions;
  private final AuditRecorder audit;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  BrowserSessions(FindByIndexNameSessionRepository<? extends Session> sessions, AuditRecorder audit, Clock clock,
      PlatformTransactionManager transactions) {
    this.sessions = sessions;
    this.audit = audit;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    // also right after a commit, when the committed transaction's connection is still bound
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Ends every browser session of the person but {@code keepSessionId} (the one asking, or null for
   * none), each audited with {@code reasonCode}.
   *
   * @return how many ended
   */
  int endAll(long accountId, String keepSessionId, String reasonCode) {
    Map<String, ? extends Session> found = sessions.findByPrincipalName(Account.pseudonym(accountId));
    int ended = 0;
    for (String id : found.keySet()) {
      if (id.equals(keepSessionId)) {
        continue;
      }
      sessions.deleteById(id);
      ended++;
      Caller person = new Caller(Caller.Kind.USER, accountId, Account.pseudonym(accountId), Set.of(), null);
      ownTransaction.executeWithoutResult(s -> audit.record(AuditEvent.of(AccountsAuditTypes.SESSION_ENDED, person)
          .outcome("ENDED").reasonCode(reasonCode).with("accountId", accountId).build()));
    }
    return ended;
  }

  /** Ends the sessions of a person whose access was withdrawn, once the change has committed. */
  @TransactionalEventListener(fallbackExecution = true)
  void on(AccessRevoked revoked) {
    if (!revoked.endsSessions()) {
      return;
    }
    try {
      endAll(revoked.accountId(), null, revoked.reason().sessionEnded());
    } catch (RuntimeException e) {
      // the SessionGuard still ends each of them at its next request
      log.error("ending the sessions of {} failed: {}", Account.pseudonym(revoked.accountId()),
          e.getClass().getName());
    }
  }

  /**
   * Why the signed-in session can no longer be used, or empty while it can: gone from the store,
   * idle for 30 minutes or 12 hours old (the {@link SessionGuard}'s limits, by the injected clock), or
   * signed in before the person's credentials were reset.
   */
  Optional<String> ended(String sessionId, Instant credentialsResetAt) {
    Session session = sessions.findById(sessionId);
    if (session == null) {
      return Optional.of("SESSION_ENDED");
    }
    Instant now = clock.instant();
    Instant signedInAt = session.getAttribute(SessionGuard.SIGNED_IN_AT);
    Instant lastSeenAt = session.getAttribute(SessionGuard.LAST_SEEN_AT);
    if (signedInAt == null || lastSeenAt == null) {
      return Optional.of("SESSION_INCOMPLETE");
    }
    if (now.isAfter(signedInAt.plus(SessionGuard.ABSOLUTE_LIMIT))) {
      return Optional.of("ABSOLUTE_TIMEOUT");
    }
    if (now.isAfter(lastSeenAt.plus(SessionGuard.IDLE_LIMIT))) {
      return Optional.of("IDLE_TIMEOUT");
    }
    if (credentialsResetAt != null && credentialsResetAt.isAfter(signedInAt)) {
      return Optional.of("CREDENTIALS_RESET");
    }
    return Optional.empty();
  }
}

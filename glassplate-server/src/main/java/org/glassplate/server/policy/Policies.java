package org.glassplate.server.policy;

import org.glassplate.server.policy.internal.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The policy in force (R-GOV-1): the one every feature enforces and the transparency page shows.
 * At first start, the shipped default for a California city department becomes version 1, with the
 * approval record "initial default", audited. Later versions come only from approved proposals
 * ({@link PolicyProposals}); each activation publishes {@link PolicyActivated}.
 */
@Component
public class Policies {
  static final String DEFAULT_RESOURCE = "policy/default-california-city.yaml";
  static final String DEFAULT_AGENCY_NAME = "Glassplate Police Department";

  private final PolicyStore store;
  private final AuditRecorder audit;
  private final TransactionTemplate tx;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Agency agency;
  private final String initialDocumentFile;
  private volatile Current current;

  private record Current(EffectivePolicy policy, PurposeScreen screen) {
  }

  Policies(PolicyStore store, AuditRecorder audit, TransactionTemplate tx, ApplicationEventPublisher events,
      Clock clock, Agency agency, @Value("${glassplate.policy.initial-document:}") String initialDocumentFile) {
    this.store = store;
    this.audit = audit;
    this.tx = new TransactionTemplate(tx.getTransactionManager());
    // installing the default must not depend on whatever transaction first asked for the policy
    this.tx.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    this.events = events;
    this.clock = clock;
    this.agency = agency;
    this.initialDocumentFile = initialDocumentFile;
  }

  /** Installs the default at first start, before anyone asks. */
  @EventListener(ApplicationStartedEvent.class)
  void atStart() {
    current();
  }

  /** The version in force now. */
  public EffectivePolicy current() {
    return state().policy();
  }

  /** The purpose screen of the version in force (R-SRCH-2). */
  public PurposeScreen purposeScreen() {
    return state().screen();
  }

  /** Any version, past or present. */
  public Optional<EffectivePolicy> version(int version) {
    return store.version(version).map(Policies::parse);
  }

  /** Every version, newest first. */
  public List<EffectivePolicy> versions() {
    return store.versions().stream().map(Policies::parse).toList();
  }

  /** The default document shipped for a California city department, with this agency's name. */
  public String defaultDocument() {
    String doc;
    try {
      if (initialDocumentFile != null && !initialDocumentFile.isBlank()) {
        doc = Files.readString(Path.of(initialDocumentFile), StandardCharsets.UTF_8);
      } else {
        try (InputStream in = new ClassPathResource(DEFAULT_RESOURCE).getInputStream()) {
          doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the initial policy document", e);
    }
    if (agency.name() != null && !agency.name().isBlank() && !agency.name().equals(DEFAULT_AGENCY_NAME)) {
      String named = doc.replace(DEFAULT_AGENCY_NAME, agency.name().strip());
      try {
        PolicyParser.parse(named);
        return named;
      } catch (InvalidPolicy e) {
        return doc; // a name YAML cannot hold plainly: keep the generic one
      }
    }
    return doc;
  }

  private Current state() {
    Current c = current;
    if (c == null) {
      synchronized (this) {
        c = current;
        if (c == null) {
          c = load();
          current = c;
        }
      }
    }
    return c;
  }

  private Current load() {
    Optional<PolicyStore.StoredVersion> latest = store.latest(false);
    if (latest.isPresent()) {
      return of(parse(latest.get()));
    }
    EffectivePolicy installed = tx.execute(s -> installDefault());
    Current c = of(installed);
    current = c;
    events.publishEvent(new PolicyActivated(null, installed));
    return c;
  }

  private EffectivePolicy installDefault() {
    String doc = defaultDocument();
    PolicyContent content = PolicyParser.parse(doc);
    String sha = PolicyStore.sha256(doc);
    Instant now = clock.instant();
    List<PolicyApproval> approvals = List.of(new PolicyApproval("system", "SYSTEM", now, "initial default"));
    if (!store.insertVersion(1, sha, doc, now, null, null, approvals)) {
      return parse(store.latest(false).orElseThrow()); // installed concurrently
    }
    audit.record(AuditEvent.of(PolicyAuditTypes.POLICY_ACTIVATED, Caller.system())
        .policy(sha)
        .with("version", 1)
        .with("afterSha256", sha)
        .with("approval", "initial default")
        .build());
    return new EffectivePolicy(1, sha, now, doc, approvals, null, content);
  }

  /** Called by {@link PolicyProposals} after an activation committed. */
  void activated(EffectivePolicy previous, EffectivePolicy now) {
    synchronized (this) {
      current = of(now);
    }
    events.publishEvent(new PolicyActivated(previous, now));
  }

  private static Current of(EffectivePolicy p) {
    return new Current(p, PurposeScreen.of(p));
  }

  static EffectivePolicy parse(PolicyStore.StoredVersion v) {
    PolicyContent content;
    try {
      content = PolicyParser.parse(v.document());
    } catch (InvalidPolicy e) {
      // A stored version that this software cannot read must stop it, not be ignored.
      throw new IllegalStateException("policy version " + v.version() + " cannot be read: " + e.getMessage(), e);
    }
    return new EffectivePolicy(v.version(), v.sha256(), v.effectiveAt(), v.document(), v.approvals(),
        v.governingBodyReference(), content);
  }
}

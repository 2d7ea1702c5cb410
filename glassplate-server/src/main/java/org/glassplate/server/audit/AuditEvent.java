package org.glassplate.server.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.glassplate.server.core.Caller;

/**
 * One audited event before it is written. Public fields are shown to everyone, redacted of
 * personal data; private fields (plate or pattern, actor's name, case number, free-text reason,
 * source address, anything else identifying) are kept apart and only committed to by a salted
 * SHA-256 in the public entry (DESIGN.md, "The audit log").
 *
 * @param type what happened
 * @param actor who did it
 * @param outcome e.g. {@code SUCCESS}, {@code FAILURE}, {@code ALLOWED}, {@code DENIED}
 * @param reasonCode a stable reason code for refusals and failures, or null
 * @param policySha256 the hash of the policy version that decided it, or null
 * @param publicFields further public fields (counts, offense code, cameras covered...): no personal data
 * @param privateFields fields that go only into the commitment
 */
public record AuditEvent(AuditEventType type, Caller actor, String outcome, String reasonCode,
    String policySha256, Map<String, Object> publicFields, Map<String, String> privateFields) {

  public AuditEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(outcome, "outcome");
    publicFields = Map.copyOf(publicFields);
    privateFields = Map.copyOf(privateFields);
  }

  public static Builder of(AuditEventType type, Caller actor) {
    return new Builder(type, actor);
  }

  /** Builds an {@link AuditEvent}; public and private fields are kept in key order for canonical JSON. */
  public static final class Builder {
    private final AuditEventType type;
    private final Caller actor;
    private String outcome = "SUCCESS";
    private String reasonCode;
    private String policySha256;
    private final Map<String, Object> publicFields = new TreeMap<>();
    private final Map<String, String> privateFields = new TreeMap<>();

    private Builder(AuditEventType type, Caller actor) {
      this.type = type;
      this.actor = actor;
    }

    public Builder outcome(String outcome) {
      this.outcome = outcome;
      return this;
    }

    public Builder denied(String reasonCode) {
      this.outcome = "DENIED";
      this.reasonCode = reasonCode;
      return this;
    }

    public Builder failed(String reasonCode) {
      this.outcome = "FAILURE";
      this.reasonCode = reasonCode;
      return this;
    }

    public Builder reasonCode(String reasonCode) {
      this.reasonCode = reasonCode;
      return this;
    }

    public Builder policy(String sha256) {
      this.policySha256 = sha256;
      return this;
    }

    /** A public field: a count, a code, a flag. Never a plate, name, case number or free text. */
    public Builder with(String key, Object value) {
      if (value != null) {
        publicFields.put(key, value);
      }
      return this;
    }

    /** A private field: only its salted commitment is public. */
    public Builder secret(String key, String value) {
      if (value != null) {
        privateFields.put(key, value);
      }
      return this;
    }

    /**
     * Who ran a command on the server's own machine (backup, restore, a key move), as private fields: the
     * system account, and the person behind {@code sudo} when there is one ({@code SUDO_USER}). The caller of
     * such a command is the system; this is what an investigation asks next.
     */
    public Builder operatorOfThisMachine() {
      return operatorOfThisMachine(System.getProperty("user.name"), System.getenv("SUDO_USER"));
    }

    Builder operatorOfThisMachine(String systemUser, String sudoUser) {
      secret("systemUser", systemUser);
      return secret("sudoUser", sudoUser == null || sudoUser.isBlank() ? null : sudoUser);
    }

    public AuditEvent build() {
      Map<String, String> priv = new LinkedHashMap<>(privateFields);
      if (actor.sourceAddress() != null) {
        priv.putIfAbsent("sourceAddress", actor.sourceAddress());
      }
      return new AuditEvent(type, actor, outcome, reasonCode, policySha256, publicFields, priv);
    }
  }
}

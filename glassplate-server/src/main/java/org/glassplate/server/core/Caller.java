package org.glassplate.server.core;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is making a request: a person (signed in or with a personal API token), a camera (ingest
 * only) or a partner agency's system. {@code pseudonym} is what the public audit log shows; names
 * stay out of it (R-AUD-3, R-AUD-4). Serializable: a signed-in person's caller is kept in their
 * browser session, which is stored in the database.
 *
 * @param kind what sort of caller
 * @param id the account or camera id
 * @param pseudonym a stable public identifier that carries no personal data, e.g. {@code user:17}
 * @param roles role names without the {@code ROLE_} prefix
 * @param sourceAddress the remote address of the request, private in the audit log
 */
public record Caller(Kind kind, long id, String pseudonym, Set<String> roles, String sourceAddress)
    implements Serializable {

  public enum Kind { USER, CAMERA, PARTNER, SYSTEM }

  public Caller {
    if (kind == null || pseudonym == null || roles == null) {
      throw new IllegalArgumentException("caller needs a kind, a pseudonym and roles");
    }
    roles = Set.copyOf(roles);
  }

  /** The server itself, for scheduled work (purges, sequencer, self-audit). */
  public static Caller system() {
    return new Caller(Kind.SYSTEM, 0, "system", Set.of(), null);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}

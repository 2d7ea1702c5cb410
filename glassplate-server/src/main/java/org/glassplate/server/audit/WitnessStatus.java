package org.glassplate.server.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A witness of this log (issue 15), as the transparency page shows it.
 *
 * @param vkey its type 0x04 verifier key
 * @param url where the log sends it checkpoints
 * @param lastCosignedSize the largest checkpoint size it cosigned, if any
 * @param lastCosignedAt when that cosignature was received
 */
public record WitnessStatus(String vkey, String url, Optional<Long> lastCosignedSize, Optional<Instant> lastCosignedAt) {
  public WitnessStatus {
    Objects.requireNonNull(vkey, "vkey");
    Objects.requireNonNull(url, "url");
  }
}

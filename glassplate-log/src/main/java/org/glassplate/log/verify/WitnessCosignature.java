package org.glassplate.log.verify;

import java.util.Objects;
import org.glassplate.log.note.WitnessKey;

/**
 * A witness's cosignature that verified over the checkpoint (C2SP tlog-cosignature).
 *
 * @param witness the witness's key
 * @param timestamp when it cosigned, POSIX seconds
 */
public record WitnessCosignature(WitnessKey witness, long timestamp) {
  public WitnessCosignature {
    Objects.requireNonNull(witness, "witness");
  }
}

package org.glassplate.log.verify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.glassplate.log.note.WitnessKey;

/**
 * The witnesses whose cosignatures (C2SP tlog-cosignature, {@code cosignature/v1}) a verified
 * checkpoint must carry, and how many of them must have cosigned it (R-AUD-5).
 *
 * @param witnesses the witnesses' type 0x04 verifier keys, without duplicates
 * @param quorum how many of them must have cosigned the very checkpoint verified: 1 to
 *     {@code witnesses.size()}, or 0 when no witness is required
 */
public record WitnessQuorum(List<WitnessKey> witnesses, int quorum) {
  /** No witness required: the checkpoint's cosignature lines are ignored. */
  public static final WitnessQuorum NONE = new WitnessQuorum(List.of(), 0);

  public WitnessQuorum {
    Objects.requireNonNull(witnesses, "witnesses");
    if (new LinkedHashSet<>(witnesses).size() != witnesses.size()) {
      throw new IllegalArgumentException("a witness key is given twice");
    }
    witnesses = List.copyOf(witnesses);
    if (witnesses.isEmpty() ? quorum != 0 : quorum < 1 || quorum > witnesses.size()) {
      throw new IllegalArgumentException("quorum must be 1 to " + witnesses.size() + " (the number of witness keys), got " + quorum);
    }
  }

  /** All of these witnesses must cosign: the default when {@code --quorum} is not given. */
  public static WitnessQuorum all(List<WitnessKey> witnesses) {
    return new WitnessQuorum(witnesses, witnesses.size());
  }
}

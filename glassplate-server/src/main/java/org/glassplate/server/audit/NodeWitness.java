package org.glassplate.server.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.glassplate.log.note.WitnessKey;
import org.glassplate.log.note.WitnessSigner;
import org.glassplate.log.witness.AddCheckpointRequest;
import org.glassplate.log.witness.Answer;
import org.glassplate.log.witness.FileWitnessStore;
import org.glassplate.log.witness.Witness;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * This node as a witness of other logs (issue 15, R-AUD-5; C2SP tlog-witness): its own
 * cosigner key ({@code ${glassplate.data-dir}/witness.key}, 0600, made on first start; a type 0x04
 * vkey, never the log's key) and the library {@link Witness} over a files-only store in
 * {@code ${glassplate.data-dir}/witness/}, for the logs of {@code glassplate.witness.logs} and those
 * of the partners that the policy in force has agreements with ({@link AgreementWitnessing}, read
 * at each request).
 *
 * <p>A witness that sees a fork says so: when a log presents a checkpoint inconsistent with one
 * this node cosigned, the witness refuses and keeps both signed checkpoints (files), and this node
 * records a {@link AuditTypes#WITNESSED_LOG_FORKED} entry with both checkpoints in its own public
 * log, which the transparency page shows as a critical finding. A proof that does not verify (and
 * proves nothing) is recorded as {@link AuditTypes#WITNESSED_LOG_BAD_PROOF}, once per signed
 * checkpoint since this start.
 */
@Component
public class NodeWitness {
  private static final Logger log = LoggerFactory.getLogger(NodeWitness.class);

  /** The largest add-checkpoint body read (as the stand-alone witness). */
  public static final int MAX_BODY = 128 * 1024;

  private final Witness witness;
  private final FileWitnessStore store;
  private final AuditRecorder recorder;
  private final Path keyFile;
  private final boolean keyCreatedNow;
  /** The signed checkpoints whose bad proofs were audited since this start, the latest few. */
  private final Map<String, Boolean> badProofsAudited = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > 1000;
    }
  };

  NodeWitness(WitnessSettings settings, AuditSettings audit, Agency agency, AuditRecorder recorder, Clock clock,
      ObjectProvider<AgreementWitnessing> agreements, @Value("${glassplate.data-dir}") Path dataDir) {
    this.recorder = recorder;
    this.keyFile = dataDir.resolve("witness.key").toAbsolutePath().normalize();
    String name = settings.name() != null ? settings.name() : audit.originHost() + "/glassplate/" + agency.id() + "/witness";
    try {
      WitnessSigner signer;
      if (Files.exists(keyFile)) {
        LogKey.warnIfReadableByOthers(keyFile);
        try {
          signer = WitnessSigner.fromSignerKey(Files.readString(keyFile, StandardCharsets.UTF_8).strip());
        } catch (IllegalArgumentException e) {
          throw new IOException("not a witness signer key: " + e.getMessage());
        }
        keyCreatedNow = false;
      } else {
        signer = WitnessSigner.generate(name);
        LogKey.write(keyFile, signer.signerKey());
        keyCreatedNow = true;
        log.info("created this node's witness key in {} ({})", keyFile, signer.key().vkey());
      }
      this.store = new FileWitnessStore(dataDir.resolve("witness"));
      this.witness = new Witness(signer, () -> logs(settings, agreements.getIfAvailable()), store, clock);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the witness key " + keyFile + " or its store", e);
    }
  }

  /** This node's witness verifier key (C2SP vkey of type 0x04). */
  public WitnessKey key() {
    return witness.key();
  }

  /** The origins of the logs this node witnesses. */
  public List<String> origins() {
    return witness.origins();
  }

  /**
   * Answers one add-checkpoint request body. A refusal for a fork or a proof that does not verify
   * is audited (fail closed: if it cannot be, the request fails and nothing was cosigned anyway).
   */
  public Answer addCheckpoint(byte[] body) {
    Optional<AddCheckpointRequest> req;
    try {
      req = Optional.of(AddCheckpointRequest.parse(body));
    } catch (AddCheckpointRequest.Malformed e) {
      req = Optional.empty();
    }
    try {
      // The checkpoint this node cosigned before, read first: after a fork the witness keeps it.
      String origin = req.map(r -> firstLine(r.note())).orElse("");
      Optional<FileWitnessStore.Stored> cosigned = req.isPresent() && witness.origins().contains(origin)
          ? store.latest(origin) : Optional.empty();
      Answer a = req.isPresent() ? witness.addCheckpoint(req.get()) : witness.addCheckpoint(body);
      boolean fork = a.outcome() == Answer.Outcome.FORK_DETECTED
          || a.outcome() == Answer.Outcome.INCONSISTENT_CHECKPOINT;
      boolean badProof = a.outcome() == Answer.Outcome.BAD_PROOF && !badProofAudited(req.get());
      if ((fork || badProof) && cosigned.isPresent()) {
        recorder.recordDenied(AuditEvent.of(fork ? AuditTypes.WITNESSED_LOG_FORKED : AuditTypes.WITNESSED_LOG_BAD_PROOF,
                Caller.system())
            .denied(a.outcome().name())
            .with("origin", origin)
            .with("cosignedSize", cosigned.get().checkpoint().size())
            .with("cosignedCheckpoint", cosigned.get().note())
            .with("presentedCheckpoint", req.get().note())
            .with("witnessKey", key().vkey())
            .build());
        if (badProof) {
          markBadProofAudited(req.get()); // only once it is on the record
        }
        log.error("a log this node witnesses presented a checkpoint inconsistent with one it cosigned ({}): {}",
            a.outcome(), origin);
      }
      return a;
    } catch (IOException e) {
      throw new UncheckedIOException("the witness store failed", e);
    }
  }

  /** The configured logs, then the agreement partners' logs not configured already. */
  static List<String> logs(WitnessSettings settings, AgreementWitnessing agreements) {
    if (agreements == null) {
      return settings.logs();
    }
    List<String> out = new ArrayList<>(settings.logs());
    for (String k : agreements.witnessedLogs()) {
      if (!out.contains(k)) {
        out.add(k);
      }
    }
    return out;
  }

  /**
   * Whether a bad proof with this signed checkpoint was audited since this start. A proof is not
   * signed, so anyone can send garbage with a checkpoint the log published: each such checkpoint is
   * audited once, so that nobody can fill this node's log (and page) with copies.
   */
  private boolean badProofAudited(AddCheckpointRequest req) {
    synchronized (badProofsAudited) {
      return badProofsAudited.containsKey(req.note());
    }
  }

  private void markBadProofAudited(AddCheckpointRequest req) {
    synchronized (badProofsAudited) {
      badProofsAudited.put(req.note(), Boolean.TRUE);
    }
  }

  /** Whether this start made the key (and so must audit it). */
  boolean keyCreatedNow() {
    return keyCreatedNow;
  }

  Path keyFile() {
    return keyFile;
  }

  private static String firstLine(String note) {
    int i = note.indexOf('\n');
    return i < 0 ? note : note.substring(0, i);
  }
}

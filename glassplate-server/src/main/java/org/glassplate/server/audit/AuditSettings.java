package org.glassplate.server.audit;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the audit log ({@code glassplate.audit.*}).
 *
 * @param originHost the host part of the checkpoint origin {@code <host>/glassplate/<agency id>};
 *     like the agency id it must not change once the log has entries
 * @param signerKeyFile the Ed25519 signer key; null for {@code ${glassplate.data-dir}/audit-signer.key}
 * @param checkpointInterval how often at most a new checkpoint is signed while there are new
 *     entries (DESIGN.md: at least once a second)
 * @param batchSize how many pending entries the sequencer integrates per transaction
 * @param sequenceTimeout how long {@link AuditRecorder#recordAndSequence} waits for a log index
 * @param tileCacheTiles how many tiles are kept in memory to serve tiles and proofs (a full one takes
 *     16 KiB with its inner subtree hashes: 4096 cover a log of a million entries)
 * @param archiveDir the tile archive: a directory, best on another disk, into which every signed
 *     checkpoint's entry bundles and hash tiles (c2sp.org/tlog-tiles paths) and the checkpoint itself
 *     are copied as they are published, so that the log can be rebuilt from an older database backup
 *     ({@link TileArchive}); null for none
 */
@ConfigurationProperties("glassplate.audit")
record AuditSettings(
    @DefaultValue("localhost") String originHost,
    Path signerKeyFile,
    @DefaultValue("PT1S") Duration checkpointInterval,
    @DefaultValue("4096") int batchSize,
    @DefaultValue("PT5S") Duration sequenceTimeout,
    @DefaultValue("4096") int tileCacheTiles,
    Path archiveDir) {

  AuditSettings {
    if (originHost == null || originHost.isBlank() || originHost.contains("/") || originHost.chars().anyMatch(c -> c <= ' ')) {
      throw new IllegalArgumentException("glassplate.audit.origin-host must be a host name without '/' or spaces");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero() || checkpointInterval.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("glassplate.audit.checkpoint-interval must be more than 0 and at most 1 second");
    }
    if (batchSize < 1 || batchSize > 65536) {
      throw new IllegalArgumentException("glassplate.audit.batch-size must be 1 to 65536");
    }
    if (sequenceTimeout.isNegative() || sequenceTimeout.isZero()) {
      throw new IllegalArgumentException("glassplate.audit.sequence-timeout must be positive");
    }
    if (tileCacheTiles < 16) {
      throw new IllegalArgumentException("glassplate.audit.tile-cache-tiles must be at least 16");
    }
  }
}

package org.glassplate.server.audit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.glassplate.log.note.WitnessKey;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The witnesses of this node's own log (issue 15, R-AUD-5; {@code glassplate.audit.witnesses*}):
 * the log side sends them each new checkpoint and serves their cosignatures with it.
 *
 * @param witnesses {@code glassplate.audit.witnesses[0].url} and {@code ….vkey}, per witness
 * @param witnessTimeout how long the log side waits for one witness's answer
 * @param witnessRetry how often it asks a witness again about the latest checkpoint when the
 *     witness did not cosign it (unreachable, or refused); a new checkpoint is sent at once
 */
@ConfigurationProperties("glassplate.audit")
record CosigningSettings(
    @DefaultValue List<ConfiguredWitness> witnesses,
    @DefaultValue("PT5S") Duration witnessTimeout,
    @DefaultValue("PT30S") Duration witnessRetry) {

  /**
   * A witness of this log.
   *
   * @param url its base URL; add-checkpoint is {@code <url>/api/v1/witness/add-checkpoint}, which a
   *     node and the stand-alone {@code ./glassplate witness} both answer
   * @param vkey its type 0x04 verifier key; a cosignature by any other key is refused
   */
  record ConfiguredWitness(URI url, String vkey) {
    ConfiguredWitness {
      if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
        throw new IllegalArgumentException("glassplate.audit.witnesses[].url must be an http(s) URL");
      }
      if (vkey == null) {
        throw new IllegalArgumentException("glassplate.audit.witnesses[].vkey is missing");
      }
      WitnessKey.parse(vkey); // throws naming the problem
    }

    WitnessKey key() {
      return WitnessKey.parse(vkey);
    }

    URI addCheckpoint() {
      String u = url.toString();
      return URI.create((u.endsWith("/") ? u.substring(0, u.length() - 1) : u) + "/api/v1/witness/add-checkpoint");
    }
  }

  CosigningSettings {
    witnesses = List.copyOf(witnesses);
    if (witnesses.stream().map(ConfiguredWitness::key).distinct().count() != witnesses.size()) {
      throw new IllegalArgumentException("glassplate.audit.witnesses names a witness key twice");
    }
    if (witnessTimeout.isNegative() || witnessTimeout.isZero() || witnessRetry.isNegative() || witnessRetry.isZero()) {
      throw new IllegalArgumentException("glassplate.audit.witness-timeout and witness-retry must be positive");
    }
  }
}

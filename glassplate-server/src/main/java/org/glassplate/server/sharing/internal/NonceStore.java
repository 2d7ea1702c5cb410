package org.glassplate.server.sharing.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.glassplate.server.sharing.signing.ReplayCheck;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The nonces of accepted federation signatures, per key id, in {@code sharing_nonce} (V1400): a nonce
 * is taken once, by the first insert of its key, in its own statement (committed whatever becomes of
 * the request), and forgotten once its signature has expired, when the verifier refuses it anyway.
 * Shared by every server on the database, so a request replayed to another one is refused too.
 */
@Component
public class NonceStore implements ReplayCheck {
  private final JdbcClient jdbc;
  private final Clock clock;

  public NonceStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public boolean firstUse(String keyId, String nonce, Instant expires) {
    purgeExpired();
    return jdbc.sql("""
            INSERT INTO sharing_nonce (key_id, nonce, expires_at) VALUES (:key, :nonce, :expires)
            ON CONFLICT (key_id, nonce) DO NOTHING""")
        .param("key", keyId).param("nonce", nonce).param("expires", Timestamp.from(expires))
        .update() == 1;
  }

  /** Forgets the nonces of signatures expired a minute ago or more (the verifier's clock skew); returns how many. */
  public int purgeExpired() {
    return jdbc.sql("DELETE FROM sharing_nonce WHERE expires_at < :before")
        .param("before", Timestamp.from(clock.instant().minusSeconds(60))).update();
  }
}

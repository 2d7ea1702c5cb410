package org.glassplate.server.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The only way to write an audit entry (R-AUD-1). {@link #record} appends in the caller's
 * transaction, so the entry and the action it records commit together or not at all; if the append
 * fails, {@link AuditUnavailable} is thrown and the action must not happen (fail closed).
 *
 * <p>An entry is canonical JSON (keys sorted, no spaces) of its public fields plus
 * {@code commitment}: base64 SHA-256 over a random 16-byte salt followed by the canonical JSON of
 * the private fields. The salt and private fields are kept apart for auditors to open.
 */
@Component
public class AuditRecorder {
  private static final SecureRandom RANDOM = new SecureRandom();
  static final JsonMapper CANONICAL = JsonMapper.builder()
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .build();

  private final JdbcClient jdbc;
  private final Clock clock;
  private final String agencyId;

  AuditRecorder(JdbcClient jdbc, Clock clock, @Value("${glassplate.agency.id:demo-pd}") String agencyId) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.agencyId = agencyId;
  }

  /**
   * Appends the entry in the current transaction.
   *
   * @return the pending entry's id (its log index is assigned when the sequencer integrates it)
   * @throws AuditUnavailable if the entry cannot be written
   */
  public long record(AuditEvent event) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    String privateJson = CANONICAL.writeValueAsString(new TreeMap<>(event.privateFields()));
    byte[] entry = entryBytes(event, salt, privateJson);
    try {
      return jdbc.sql("""
              INSERT INTO audit_pending (type_code, entry, salt, private_fields)
              VALUES (:code, :entry, :salt, :private) RETURNING id""")
          .param("code", event.type().code())
          .param("entry", entry)
          .param("salt", salt)
          .param("private", privateJson)
          .query(Long.class).single();
    } catch (DataAccessException e) {
      throw new AuditUnavailable(e);
    }
  }

  byte[] entryBytes(AuditEvent event, byte[] salt, String privateJson) {
    Map<String, Object> e = new TreeMap<>(event.publicFields());
    e.put("type", event.type().name());
    e.put("typeCode", event.type().code());
    e.put("time", clock.instant().toString());
    e.put("agency", agencyId);
    e.put("actor", event.actor().pseudonym());
    e.put("actorKind", event.actor().kind().name());
    e.put("roles", event.actor().roles().stream().sorted().toList());
    e.put("outcome", event.outcome());
    if (event.reasonCode() != null) {
      e.put("reasonCode", event.reasonCode());
    }
    if (event.policySha256() != null) {
      e.put("policySha256", event.policySha256());
    }
    e.put("commitment", commitment(salt, privateJson));
    return CANONICAL.writeValueAsString(e).getBytes(StandardCharsets.UTF_8);
  }

  /** base64(SHA-256(salt || canonical private JSON)). */
  public static String commitment(byte[] salt, String privateJson) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      d.update(salt);
      d.update(privateJson.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(d.digest());
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException(ex);
    }
  }
}

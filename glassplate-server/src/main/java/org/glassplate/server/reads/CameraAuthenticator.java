package org.glassplate.server.reads;

import org.glassplate.server.reads.internal.CameraTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.web.BearerTokenAuthenticator;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import org.springframework.stereotype.Component;

/**
 * Authenticates camera credentials ({@code gpc_…}). A camera may only ingest (R-ING-1): its caller
 * has the CAMERA role and nothing else. Refused credentials are audited, repeats from one address
 * within a minute folded into one entry ({@link RepeatedFailures}). Known credentials are cached for a
 * few seconds so that a busy camera does not cost a lookup per batch.
 */
@Component
class CameraAuthenticator implements BearerTokenAuthenticator {
  private static final Duration CACHE_FOR = Duration.ofSeconds(5);

  private final Cameras cameras;
  private final RepeatedFailures failures;
  private final Clock clock;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Camera camera, Instant until) {
  }

  CameraAuthenticator(Cameras cameras, RepeatedFailures failures, Clock clock) {
    this.cameras = cameras;
    this.failures = failures;
    this.clock = clock;
  }

  @Override
  public boolean supports(String token) {
    return token.startsWith(CameraTokens.PREFIX);
  }

  @Override
  public Optional<Caller> authenticate(String token, String sourceAddress) {
    return camera(token, sourceAddress).map(c -> caller(c, sourceAddress));
  }

  static Caller caller(Camera c, String sourceAddress) {
    return new Caller(Caller.Kind.CAMERA, c.id(), "camera:" + c.id(), Set.of(Roles.CAMERA), sourceAddress);
  }

  Optional<Camera> camera(String token, String sourceAddress) {
    byte[] hash = CameraTokens.hash(token);
    String key = HexFormat.of().formatHex(hash);
    Instant now = clock.instant();
    Cached hit = cache.get(key);
    if (hit != null && hit.until().isAfter(now)) {
      return Optional.of(hit.camera());
    }
    Optional<Camera> found = cameras.byTokenHash(hash);
    found.ifPresentOrElse(
        c -> cache.put(key, new Cached(c, now.plus(CACHE_FOR))),
        () -> {
          cache.remove(key);
          failures.record(AuditEvent.of(ReadsAuditTypes.CAMERA_CREDENTIAL_REFUSED,
                  new Caller(Caller.Kind.CAMERA, 0, "camera:unknown", Set.of(), sourceAddress))
              .failed("UNKNOWN_CREDENTIAL").build());
        });
    return found;
  }

  void forget() {
    cache.clear();
  }
}

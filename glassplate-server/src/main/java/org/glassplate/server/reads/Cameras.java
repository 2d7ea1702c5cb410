package org.glassplate.server.reads;

import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditRecorder;
import org.glassplate.server.core.Caller;
import org.glassplate.server.reads.internal.CameraStore;
import org.glassplate.server.reads.internal.CameraTokens;
import org.springframework.stereotype.Service;

/**
 * The cameras of the agency and their hashed credentials. Every registration and every change of a
 * camera's activation is audited here, whoever asks (an administrator, the demo seeding), so that the
 * daily self-audit can hold the cameras against the record (R-GOV-3).
 */
@Service
public class Cameras {
  private final CameraStore store;
  private final AuditRecorder audit;

  Cameras(CameraStore store, AuditRecorder audit) {
    this.store = store;
    this.audit = audit;
  }

  /** Registers a camera as the server itself (the demo seeding); see {@link #register(Caller, String, double, double, Integer)}. */
  public Camera.WithToken register(String name, double lat, double lon, Integer heading) {
    return register(Caller.system(), name, lat, lon, heading);
  }

  /**
   * Registers a camera, audited as {@code CAMERA_REGISTERED} in the caller's transaction; the
   * returned token is the only time the credential is ever visible.
   */
  public Camera.WithToken register(Caller actor, String name, double lat, double lon, Integer heading) {
    new Camera(1, name, lat, lon, heading, true); // validates before anything is written
    String token = CameraTokens.generate();
    long id = store.insert(name, lat, lon, heading, CameraTokens.hash(token));
    audit.record(AuditEvent.of(ReadsAuditTypes.CAMERA_REGISTERED, actor).with("cameraId", id).build());
    return new Camera.WithToken(new Camera(id, name, lat, lon, heading, true), token);
  }

  public List<Camera> all() {
    return store.all();
  }

  public Optional<Camera> find(long id) {
    return store.find(id);
  }

  public int countActive() {
    return store.countActive();
  }

  /** Activates or deactivates a camera as the server itself; see {@link #setActive(Caller, long, boolean)}. */
  public void setActive(long id, boolean active) {
    setActive(Caller.system(), id, active);
  }

  /** Activates or deactivates a camera, audited as {@code CAMERA_ACTIVATION_CHANGED} in the caller's transaction. */
  public void setActive(Caller actor, long id, boolean active) {
    store.setActive(id, active);
    audit.record(AuditEvent.of(ReadsAuditTypes.CAMERA_ACTIVATION_CHANGED, actor)
        .with("cameraId", id).with("active", active).build());
  }

  Optional<Camera> byTokenHash(byte[] hash) {
    return store.byTokenHash(hash);
  }
}

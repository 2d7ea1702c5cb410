package org.glassplate.server.reads;

import java.util.List;
import java.util.Optional;
import org.glassplate.server.reads.internal.CameraStore;
import org.glassplate.server.reads.internal.CameraTokens;
import org.springframework.stereotype.Service;

/** The cameras of the agency and their hashed credentials. */
@Service
public class Cameras {
  private final CameraStore store;

  Cameras(CameraStore store) {
    this.store = store;
  }

  /** Registers a camera; the returned token is the only time the credential is ever visible. */
  public Camera.WithToken register(String name, double lat, double lon, Integer heading) {
    new Camera(1, name, lat, lon, heading, true); // validates before anything is written
    String token = CameraTokens.generate();
    long id = store.insert(name, lat, lon, heading, CameraTokens.hash(token));
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

  public void setActive(long id, boolean active) {
    store.setActive(id, active);
  }

  Optional<Camera> byTokenHash(byte[] hash) {
    return store.byTokenHash(hash);
  }
}

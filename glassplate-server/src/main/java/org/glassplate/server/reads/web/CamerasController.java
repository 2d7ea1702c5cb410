package org.glassplate.server.reads.web;

import java.util.List;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Camera registry: administrators register and (de)activate cameras; the token is shown once. */
@RestController
class CamerasController {
  private final Cameras cameras;

  CamerasController(Cameras cameras) {
    this.cameras = cameras;
  }

  record NewCamera(String name, Double lat, Double lon, Integer heading) {
  }

  record Activation(Boolean active) {
  }

  record CameraList(List<Camera> cameras) {
  }

  /** A newly registered camera and its token, shown once. */
  record Registered(Camera camera, String token) {
    @Override
    public String toString() {
      return "Registered[" + camera.id() + ", token hidden]";
    }
  }

  @GetMapping("/api/v1/cameras")
  CameraList list() {
    return new CameraList(cameras.all());
  }

  @PostMapping("/api/v1/cameras")
  @Transactional
  Registered register(@RequestBody NewCamera body) {
    if (body.name() == null || body.name().isBlank()) {
      throw ApiException.unprocessable("name", "name is required");
    }
    if (body.lat() == null || body.lat() < -90 || body.lat() > 90) {
      throw ApiException.unprocessable("lat", "latitude between -90 and 90 is required");
    }
    if (body.lon() == null || body.lon() < -180 || body.lon() > 180) {
      throw ApiException.unprocessable("lon", "longitude between -180 and 180 is required");
    }
    if (body.heading() != null && (body.heading() < 0 || body.heading() >= 360)) {
      throw ApiException.unprocessable("heading", "heading must be 0 to 359 degrees");
    }
    Camera.WithToken created = cameras.register(CallerAuthentication.current().orElseThrow(), body.name().trim(),
        body.lat(), body.lon(), body.heading());
    return new Registered(created.camera(), created.token());
  }

  @PostMapping("/api/v1/cameras/{id}/activation")
  @Transactional
  Camera activation(@PathVariable long id, @RequestBody Activation body) {
    if (body.active() == null) {
      throw ApiException.unprocessable("active", "active (true or false) is required");
    }
    cameras.find(id).orElseThrow(() -> ApiException.notFound("camera"));
    cameras.setActive(CallerAuthentication.current().orElseThrow(), id, body.active());
    return cameras.find(id).orElseThrow();
  }
}

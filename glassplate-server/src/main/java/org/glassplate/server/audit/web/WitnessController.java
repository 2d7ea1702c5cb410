package org.glassplate.server.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.glassplate.log.witness.Answer;
import org.glassplate.log.witness.WitnessCommand;
import org.glassplate.server.audit.NodeWitness;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * This node as a witness over HTTP (issue 15, R-AUD-5): {@code GET /api/v1/witness/key}, its
 * cosigner vkey (type 0x04), and {@code POST /api/v1/witness/add-checkpoint}, C2SP tlog-witness
 * exactly as the stand-alone witness answers it (text bodies, the spec's statuses, a 409 of a
 * size conflict in {@code text/x.tlog.size}). Both public: a log's signature authenticates its
 * checkpoint, never a login.
 */
@RestController
@RequestMapping("/api/v1/witness")
class WitnessController {
  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final MediaType TLOG_SIZE = new MediaType("text", "x.tlog.size");

  private final NodeWitness witness;

  WitnessController(NodeWitness witness) {
    this.witness = witness;
  }

  @GetMapping("/key")
  ResponseEntity<String> key() {
    return ResponseEntity.ok().contentType(TEXT).body(witness.key().vkey() + "\n");
  }

  @PostMapping("/add-checkpoint")
  ResponseEntity<String> addCheckpoint(HttpServletRequest request) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(NodeWitness.MAX_BODY + 1);
    }
    if (body.length > NodeWitness.MAX_BODY) {
      return ResponseEntity.status(413).contentType(TEXT)
          .body("request body larger than " + NodeWitness.MAX_BODY + " bytes\n");
    }
    Answer a = witness.addCheckpoint(body);
    return ResponseEntity.status(WitnessCommand.status(a.outcome()))
        .contentType(a.outcome() == Answer.Outcome.SIZE_CONFLICT ? TLOG_SIZE : TEXT)
        .cacheControl(CacheControl.noStore())
        .body(a.body());
  }
}

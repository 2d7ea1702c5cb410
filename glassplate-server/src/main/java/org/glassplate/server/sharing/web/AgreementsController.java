package org.glassplate.server.sharing.web;

import org.glassplate.server.sharing.Agreements;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/sharing/agreements}: every sharing agreement in force, public (DESIGN.md, R-SHR-1). */
@RestController
class AgreementsController {
  private final Agreements agreements;

  AgreementsController(Agreements agreements) {
    this.agreements = agreements;
  }

  @GetMapping("/api/v1/sharing/agreements")
  AgreementsJson.InForce inForce() {
    return AgreementsJson.of(agreements.inForce());
  }
}

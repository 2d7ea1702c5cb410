package org.glassplate.server.sharing.web;

import org.glassplate.server.core.Agency;
import org.glassplate.server.sharing.FederationKey;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/sharing/key}: this node's federation public key, public, for a partner to write into
 * its agreement with this agency (issue 14).
 */
@RestController
class FederationKeyController {
  private final Agency agency;
  private final FederationKey key;

  FederationKeyController(Agency agency, FederationKey key) {
    this.agency = agency;
    this.key = key;
  }

  /** This node's key: {@code publicKey} is standard base64 of the raw 32-byte Ed25519 key (RFC 8032). */
  record Key(String agency, String publicKey, String algorithm) {
  }

  @GetMapping("/api/v1/sharing/key")
  Key key() {
    return new Key(agency.id(), key.publicKeyBase64(), "ed25519");
  }
}

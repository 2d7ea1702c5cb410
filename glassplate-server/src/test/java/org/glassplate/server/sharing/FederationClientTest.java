package org.glassplate.server.sharing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client never throws for what a partner node does: no node, or no answer in time, is an outcome. */
class FederationClientTest {

  static FederationClient client(Duration timeout) throws Exception {
    return FederationClient.signingAs("test-pd", KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
        .getPrivate(), Clock.systemUTC(), timeout);
  }

  static PartnerQuery query() {
    Instant now = Instant.now();
    return new PartnerQuery(null, new PartnerQuery.Requester("user:1", "A Person"), "7ABC123", false,
        now.minusSeconds(3600), now, null, "2026-1", "ROBBERY", "a reason", null);
  }

  @Test
  void reportsUnreachableForAClosedPort() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    FederationResult r = client(Duration.ofSeconds(2)).search(URI.create("http://127.0.0.1:" + port), query());
    assertEquals(FederationResult.Status.UNREACHABLE, r.status(), r.toString());
    assertEquals(0, r.httpStatus());
  }

  @Test
  void reportsTimeoutWhenTheNodeNeverAnswers() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      // the connection is accepted by the kernel's backlog and never answered
      FederationResult r = client(Duration.ofMillis(300)).search(
          URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), query());
      assertEquals(FederationResult.Status.TIMEOUT, r.status(), r.toString());
    }
  }

  @Test
  void theTargetIsTheFederationPathUnderTheBaseUrl() {
    record Case(String base, String want) {
    }
    for (Case c : new Case[] {new Case("https://a.example.gov", "https://a.example.gov/api/v1/federation/searches"),
        new Case("https://a.example.gov/", "https://a.example.gov/api/v1/federation/searches"),
        new Case("http://127.0.0.1:8080/gp/", "http://127.0.0.1:8080/gp/api/v1/federation/searches")}) {
      assertEquals(c.want(), FederationClient.target(URI.create(c.base())).toString(), c.base());
    }
  }

  @Test
  void aNonceIs128RandomBitsInBase64Url() {
    String n = FederationClient.nonce();
    assertEquals(22, n.length(), n);
    assertEquals(16, java.util.Base64.getUrlDecoder().decode(n).length);
  }
}

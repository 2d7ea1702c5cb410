package org.glassplate.server.sharing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassplate.server.core.Agency;
import org.glassplate.server.policy.SharingAgreement;
import org.glassplate.server.sharing.signing.ContentDigest;
import org.glassplate.server.sharing.signing.HttpSigner;
import org.glassplate.server.sharing.signing.RequestMessage;
import org.glassplate.server.sharing.signing.SignatureHeaders;
import org.glassplate.server.sharing.signing.SignatureParameters;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends a query to a partner node (issue 14, R-SHR-3): {@code POST {url}/api/v1/federation/searches} with
 * the {@link PartnerQuery} as JSON, its Content-Digest (RFC 9530, sha-256), and an RFC 9421 Ed25519
 * signature under label {@value FederationRequests#LABEL} over {@code @method}, {@code @target-uri} and
 * {@code content-digest}, with created now, expires 60 s later, a 128-bit random nonce and key id this
 * node's agency id, by this node's {@link FederationKey}. Never throws for what the partner does: every
 * outcome is a {@link FederationResult}. Logs nothing of the query.
 */
@Component
public class FederationClient {
  static final Duration VALIDITY = Duration.ofSeconds(60);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String agencyId;
  private final HttpSigner signer;
  private final Clock clock;
  private final Duration timeout;
  private final HttpClient http;

  @Autowired
  FederationClient(Agency agency, FederationKey key, Clock clock,
      @Value("${glassplate.sharing.timeout:PT10S}") Duration timeout) {
    this(agency.id(), key.privateKey(), clock, timeout);
  }

  private FederationClient(String agencyId, PrivateKey key, Clock clock, Duration timeout) {
    this.agencyId = Objects.requireNonNull(agencyId, "agencyId");
    this.signer = new HttpSigner(key);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout must be positive");
    }
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /**
   * A client that signs as {@code agencyId} with {@code key}: for tools and tests that stand in for
   * another node (the server's own client signs as this agency with its {@link FederationKey}).
   */
  public static FederationClient signingAs(String agencyId, PrivateKey key, Clock clock, Duration timeout) {
    return new FederationClient(agencyId, key, clock, timeout);
  }

  /** The agency id this client signs as (the key id, and the query's {@code requestingAgency}). */
  public String agencyId() {
    return agencyId;
  }

  /**
   * Sends {@code query} to the partner of {@code agreement}, which must have the partner answer us.
   *
   * @throws IllegalArgumentException for an agreement without terms or one that has only us answer
   */
  public FederationResult search(SharingAgreement agreement, PartnerQuery query) {
    if (agreement.terms() == null || !agreement.terms().direction().theyAnswer()) {
      throw new IllegalArgumentException("the agreement with " + agreement.id() + " does not have the partner answer");
    }
    FederationResult result = search(agreement.terms().url(), query);
    if (result.status() == FederationResult.Status.OK && !agreement.id().equals(result.answer().agency())) {
      return FederationResult.unreachable(200, "the answer names another agency than " + agreement.id());
    }
    return result;
  }

  /**
   * Sends {@code query} (its {@code requestingAgency} set to this client's agency) to the node at
   * {@code partnerUrl} (its base URL, e.g. {@code https://alpr.partner.example.gov}).
   */
  public FederationResult search(URI partnerUrl, PartnerQuery query) {
    PartnerQuery q = new PartnerQuery(agencyId, query.requester(), query.plate(), query.lookalike(), query.from(),
        query.to(), query.cameras(), query.caseNumber(), query.offense(), query.reason(), query.onBehalfOf());
    byte[] body = JSON.writeValueAsBytes(q);
    HttpRequest request = signedRequest(target(partnerUrl), body);
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      return FederationResult.timedOut("no answer within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return FederationResult.unreachable(0, "no connection to the partner node (" + e.getClass().getSimpleName()
          + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return FederationResult.unreachable(0, "interrupted while waiting for the partner node");
    }
    return read(response);
  }

  /** The URI of the federation endpoint under a node's base URL. */
  public static URI target(URI partnerUrl) {
    String base = partnerUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + FederationRequests.PATH);
  }

  /** The signed request: Content-Type, Content-Digest, Signature-Input and Signature. */
  HttpRequest signedRequest(URI target, byte[] body) {
    Instant created = clock.instant();
    String digest = ContentDigest.sha256(body);
    RequestMessage message = new RequestMessage("POST", target, Map.of("Content-Digest", List.of(digest)), body);
    SignatureHeaders signature = signer.sign(message, FederationRequests.LABEL,
        SignatureParameters.forFederation(agencyId, created, created.plus(VALIDITY), nonce()));
    return HttpRequest.newBuilder(target)
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Content-Digest", digest)
        .header(SignatureHeaders.SIGNATURE_INPUT, signature.signatureInput())
        .header(SignatureHeaders.SIGNATURE, signature.signature())
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  /** 128 random bits, base64url without padding. */
  static String nonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static FederationResult read(HttpResponse<byte[]> response) {
    int status = response.statusCode();
    try {
      if (status == 200) {
        return FederationResult.ok(JSON.readValue(response.body(), PartnerAnswer.class));
      }
      JsonNode error = JSON.readTree(response.body()).get("error");
      if (error == null || error.get("code") == null || !error.get("code").isString()) {
        return FederationResult.unreachable(status, "the partner answered " + status + " without an error code");
      }
      return FederationResult.refused(status, error.get("code").asString(), text(error.get("field")),
          text(error.get("message")));
    } catch (JacksonException | IllegalArgumentException e) {
      return FederationResult.unreachable(status, "the partner's answer (" + status + ") is not the JSON expected");
    }
  }

  private static String text(JsonNode n) {
    return n == null || !n.isString() ? null : n.asString();
  }
}

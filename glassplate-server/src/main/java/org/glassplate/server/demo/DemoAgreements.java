package org.glassplate.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The agreements of a demo with partners (issue 14, item 6; issue 15): between the main node and each
 * partner, one agreement on each side, answering both ways and naming the other node's URL, its
 * federation key ({@code GET /api/v1/sharing/key}), its witness key ({@code GET /api/v1/witness/key})
 * and its log key ({@code GET /api/v1/audit/key}), so that each witnesses the other's log. Each goes
 * in through that node's own policy flow over HTTP, as any agency's would: the demo {@code admin}
 * proposes, {@code admin2} approves (an expansion, so with a council reference). An agreement already
 * in force with the same URL and keys is left as it is, so a restart on the same ports changes nothing.
 */
final class DemoAgreements {
  static final String OFFENSES = "[STOLEN_VEHICLE, HOMICIDE, ROBBERY, CARJACKING, KIDNAPPING, MISSING_PERSON]";
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Clock clock;
  private final PrintStream out;

  /**
   * A node of the demo, as its demo administrators reach it.
   *
   * @param url its base URL
   * @param credentials its demo-credentials.json (the API tokens of {@code admin} and {@code admin2})
   * @param name its agency's public name
   */
  record NodeAccess(String url, Path credentials, String name) {
  }

  /** What one node's agreement with another names of it: its agency and its three public keys. */
  record Keys(String agency, String name, String url, String federationKey, String witnessKey, String logKey) {
  }

  DemoAgreements(Clock clock, PrintStream out) {
    this.clock = clock;
    this.out = out;
  }

  /** Agreements in force both ways between {@code main} and each partner. */
  void connect(NodeAccess main, List<NodeAccess> partners) {
    Keys mainKeys = keys(main);
    List<Keys> partnerKeys = partners.stream().map(this::keys).toList();
    // the partners' side first: once the main node's agreement names a partner's witness, it asks that
    // partner to cosign, and the partner then knows the main node's log already
    for (int i = 0; i < partners.size(); i++) {
      change(partners.get(i), partnerKeys.get(i), inForce(partners.get(i), mainKeys) ? List.of() : List.of(mainKeys));
    }
    change(main, mainKeys, partnerKeys.stream().filter(k -> !inForce(main, k)).toList());
    for (Keys pk : partnerKeys) {
      out.println("agreements in force both ways: " + mainKeys.agency() + " <-> " + pk.agency());
    }
  }

  /** A node's agency and keys, over its public endpoints. */
  Keys keys(NodeAccess node) {
    JsonNode sharing = json(get(node.url() + "/api/v1/sharing/key"));
    String agency = sharing.path("agency").stringValue(null);
    return new Keys(agency, node.name() == null ? agency : node.name(), node.url(),
        sharing.path("publicKey").stringValue(null), get(node.url() + "/api/v1/witness/key").strip(),
        get(node.url() + "/api/v1/audit/key").strip());
  }

  /** Whether {@code node} has an agreement in force with {@code partner} at its URL and keys. */
  boolean inForce(NodeAccess node, Keys partner) {
    for (JsonNode a : json(get(node.url() + "/api/v1/sharing/agreements")).path("agreements")) {
      if (a.path("id").stringValue("").equals(partner.agency())) {
        return partner.url().equals(a.path("url").stringValue(null))
            && partner.federationKey().equals(a.path("publicKey").stringValue(null))
            && partner.witnessKey().equals(a.path("witnessKey").stringValue(null))
            && partner.logKey().equals(a.path("logKey").stringValue(null));
      }
    }
    return false;
  }

  /** One new policy version on {@code node} with an agreement for each of {@code partners}; none when empty. */
  private void change(NodeAccess node, Keys self, List<Keys> partners) {
    if (partners.isEmpty()) {
      return;
    }
    String doc = json(get(node.url() + "/api/v1/policy")).path("document").stringValue(null);
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    for (Keys p : partners) {
      doc = withAgreement(doc, p.agency(), entry(p, self.agency(), today));
    }
    JsonNode creds;
    try {
      creds = DemoSeeder.JSON.readTree(Files.readString(node.credentials()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + node.credentials(), e);
    }
    ObjectNode proposal = DemoSeeder.JSON.createObjectNode();
    proposal.put("document", doc);
    proposal.put("governingBodyReference", "Demo council resolution " + today + " (agreements with partner agencies)");
    proposal.put("note", "demo: agreements with " + String.join(", ", partners.stream().map(Keys::agency).toList()));
    HttpResponse<String> proposed = send("POST", node.url() + "/api/v1/policy/proposals", token(creds, "admin"),
        proposal.toString());
    if (proposed.statusCode() != 201) {
      throw new IllegalStateException(self.agency() + " refused the proposal of its demo agreements: HTTP "
          + proposed.statusCode() + " " + proposed.body());
    }
    long id = json(proposed.body()).path("id").longValue(-1);
    HttpResponse<String> approved = send("POST", node.url() + "/api/v1/policy/proposals/" + id + "/approvals",
        token(creds, "admin2"), "{\"note\":\"demo: second administrator\"}");
    if (approved.statusCode() != 200 || !json(approved.body()).path("activated").booleanValue(false)) {
      throw new IllegalStateException(self.agency() + " did not activate its demo agreements: HTTP "
          + approved.statusCode() + " " + approved.body());
    }
  }

  /** The agreement with {@code partner} as an entry of {@code sharing.agreements}, in force from yesterday for a year. */
  static String entry(Keys partner, String self, LocalDate today) {
    return "    - id: " + partner.agency() + "\n"
        + "      name: " + partner.name() + "\n"
        + "      state: CA\n"
        + "      kind: local\n"
        + "      url: " + partner.url() + "\n"
        + "      publicKey: " + partner.federationKey() + "\n"
        + "      witnessKey: " + partner.witnessKey() + "\n"
        + "      logKey: " + partner.logKey() + "\n"
        + "      direction: both\n"
        + "      scope:\n"
        + "        cameras: all\n"
        + "        reads: all\n"
        + "        lookback: P7D\n"
        + "        offenses: " + OFFENSES + "\n"
        + "      starts: " + today.minusDays(1) + "\n"
        + "      expires: " + today.plusYears(1) + "\n"
        + "      reference: Demo MOU " + self + " and " + partner.agency() + "\n";
  }

  /**
   * {@code doc} with {@code entry} as its agreement with {@code id}: in place of the entry it had for
   * {@code id}, else first in {@code sharing.agreements}.
   *
   * @throws IllegalStateException if the document has no {@code sharing.agreements} list written as the
   *     default document writes it
   */
  static String withAgreement(String doc, String id, String entry) {
    List<String> lines = new ArrayList<>(List.of(doc.split("\n", -1)));
    List<String> added = List.of(entry.substring(0, entry.length() - (entry.endsWith("\n") ? 1 : 0)).split("\n"));
    int list = lines.indexOf("  agreements: []");
    if (list >= 0) {
      lines.set(list, "  agreements:");
      lines.addAll(list + 1, added);
      return String.join("\n", lines);
    }
    list = lines.indexOf("  agreements:");
    if (list < 0) {
      throw new IllegalStateException("the policy has no sharing.agreements list as the default document writes it");
    }
    int end = list + 1; // the list's lines: indented under it, or blank
    while (end < lines.size() && (lines.get(end).startsWith("    ") || lines.get(end).isBlank())) {
      end++;
    }
    for (int i = list + 1; i < end; i++) {
      if (lines.get(i).equals("    - id: " + id)) {
        int next = i + 1;
        while (next < end && !lines.get(next).startsWith("    - ") && !lines.get(next).isBlank()) {
          next++;
        }
        lines.subList(i, next).clear();
        lines.addAll(i, added);
        return String.join("\n", lines);
      }
    }
    lines.addAll(list + 1, added);
    return String.join("\n", lines);
  }

  private static String token(JsonNode creds, String username) {
    for (JsonNode u : creds.path("users")) {
      if (username.equals(u.path("username").stringValue(null))) {
        return u.path("apiToken").stringValue(null);
      }
    }
    throw new IllegalStateException("the demo credentials have no " + username);
  }

  private static String get(String url) {
    HttpResponse<String> r = send("GET", url, null, null);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("GET " + url + " answered HTTP " + r.statusCode());
    }
    return r.body();
  }

  private static HttpResponse<String> send(String method, String url, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    if (json != null) {
      b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + url + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(method + " " + url + " was interrupted", e);
    }
  }

  private static JsonNode json(String body) {
    return DemoSeeder.JSON.readTree(Objects.requireNonNull(body));
  }
}

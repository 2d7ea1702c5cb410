package org.glassplate.server.transparency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.web.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The public page follows the live system at once (issue 7). */
class TransparencyChangesIT extends IntegrationTest {
  private static final Pattern FIGURE = Pattern.compile("data-figure=\"([^\"]+)\">([^<]*)</span>");

  @Autowired
  AccountSeeder seeder;
  @Autowired
  org.glassplate.server.policy.Policies policies;
  @Autowired
  org.glassplate.server.policy.PolicyProposals proposals;

  /** Tests share one application: put the default retention back for the others. */
  @org.junit.jupiter.api.AfterEach
  void retentionBack() {
    org.glassplate.server.support.PolicyChanges.apply(policies, proposals,
        org.glassplate.server.support.PolicyChanges.set("retention", "nonHit", "P30D"));
  }

  /** The figures of the HTML page, by JSON path (HTML entities undone). */
  private Map<String, String> pageFigures() {
    Answer page = get("/transparency", null);
    assertThat(page.status()).isEqualTo(200);
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = FIGURE.matcher(page.body());
    while (m.find()) {
      out.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
          .replace("&quot;", "\"").replace("&#39;", "'"));
    }
    return out;
  }

  @Test
  void anApprovedPolicyChangeShowsAtOnceWithItsRetentionAndHash() {
    String first = seeder.seed(AccountSeeder.Spec.of("tp-admin-a", "Admin A", Roles.ADMINISTRATOR)).apiToken();
    String second = seeder.seed(AccountSeeder.Spec.of("tp-admin-b", "Admin B", Roles.ADMINISTRATOR)).apiToken();
    Map<String, String> before = pageFigures();
    assertThat(before.get("retention.nonHit")).isEqualTo("30 days");

    JsonNode policy = get("/api/v1/policy", null).json();
    String changed = policy.path("document").stringValue().replace("nonHit: P30D", "nonHit: P7D");
    assertThat(changed).isNotEqualTo(policy.path("document").stringValue());
    ObjectNode proposal = JSON.createObjectNode();
    proposal.put("document", changed);
    proposal.put("note", "shorter retention for reads without a hit");
    Answer proposed = post("/api/v1/policy/proposals", first, proposal.toString());
    assertThat(proposed.status()).as(proposed.body()).isEqualTo(201);
    long id = proposed.json().path("id").longValue();

    Answer approved = post("/api/v1/policy/proposals/" + id + "/approvals", second, "{\"note\":\"agreed\"}");
    assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    assertThat(approved.json().path("activated").booleanValue()).isTrue();

    Map<String, String> after = pageFigures();
    JsonNode twin = get("/transparency.json", null).json();
    JsonNode current = get("/api/v1/policy", null).json();
    assertThat(after.get("retention.nonHit")).isEqualTo("7 days");
    assertThat(twin.path("retention").path("nonHit").stringValue()).isEqualTo("7 days");
    assertThat(after.get("policy.sha256")).isEqualTo(current.path("sha256").stringValue())
        .isNotEqualTo(before.get("policy.sha256"));
    assertThat(after.get("policy.version")).isEqualTo(String.valueOf(current.path("version").intValue()));
    assertThat(Integer.parseInt(after.get("policy.version"))).isEqualTo(Integer.parseInt(before.get("policy.version")) + 1);
  }
}

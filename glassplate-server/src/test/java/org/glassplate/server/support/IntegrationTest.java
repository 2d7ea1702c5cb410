package org.glassplate.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import org.glassplate.server.GlassplateApplication;
import org.glassplate.server.audit.AuditEventType;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of tests that run the whole application on a random port against a real PostgreSQL, and
 * talk to it over real HTTP.
 */
@SpringBootTest(classes = {GlassplateApplication.class, IntegrationTest.TestClockConfig.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestDatabase.Initializer.class)
public abstract class IntegrationTest {
  protected static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort
  protected int port;

  @Autowired
  protected JdbcClient jdbc;

  @Autowired
  protected MutableClock clock;

  @Autowired
  private org.glassplate.server.policy.Policies policies;

  @Autowired
  private org.glassplate.server.policy.PolicyProposals proposals;

  /** The policy document in force when the test began, put back after it. */
  private String policyBefore;

  @TestConfiguration
  public static class TestClockConfig {
    @Bean
    @Primary
    MutableClock mutableClock() {
      return new MutableClock();
    }

    @Bean
    ScheduledProbe scheduledProbe(MutableClock clock) {
      return new ScheduledProbe(clock);
    }

    /** Every scheduled job of the shared application runs only while no test has the clock moved. */
    @Bean
    org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler taskScheduler(MutableClock clock) {
      return new ShiftAwareTaskScheduler(clock);
    }
  }

  @org.junit.jupiter.api.BeforeEach
  void rememberPolicy() {
    policyBefore = policies.current().document();
  }

  /**
   * Test classes share one application: whatever a test moved (the clock) or changed (the policy in
   * force) is put back, so the next test, in any order, starts from the same state.
   */
  @AfterEach
  void putBackClockAndPolicy() {
    clock.reset();
    if (policyBefore != null && !policies.current().document().equals(policyBefore)) {
      String before = policyBefore;
      PolicyChanges.apply(policies, proposals, current -> before);
    }
  }

  /**
   * The public JSON of every audit entry of this type (e.g. {@code AuditEventTypes.READS_INGESTED}), in recording
   * order, whether the sequencer has given it a log index yet or not.
   */
  protected java.util.List<JsonNode> audited(AuditEventType type) {
    return jdbc.sql("""
            SELECT convert_from(entry, 'UTF8') FROM """ + AuditEntries.ALL + """
            WHERE convert_from(entry, 'UTF8')::jsonb ->> 'type' = :type ORDER BY id""")
        .param("type", type.name()).query(String.class).list().stream().map(JSON::readTree).toList();
  }

  /** The latest audit entry of this type; fails if there is none. */
  protected JsonNode lastAudited(AuditEventType type) {
    java.util.List<JsonNode> all = audited(type);
    if (all.isEmpty()) {
      throw new AssertionError("no audit entry of type " + type.name());
    }
    return all.get(all.size() - 1);
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }

  /** An HTTP answer with its body parsed when it is JSON. */
  public record Answer(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      return JSON.readTree(body);
    }
  }

  protected Answer get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  protected Answer post(String path, String token, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  protected static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(r.statusCode(), r.body(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected static Clock systemClock() {
    return Clock.systemUTC();
  }
}

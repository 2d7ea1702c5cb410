package org.glassplate.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.support.ServerProcesses.awaitHealthy;
import static org.glassplate.server.support.ServerProcesses.freePort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassplate.server.support.JarProcesses;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code glassplate audit verify} against a real demo process, as an outside auditor runs it (issue
 * 3): a fresh demo's log verifies, grows with the simulated traffic consistently with the checkpoint
 * saved earlier, and still does after a clean stop and after a kill -9 in the middle of traffic.
 */
class AuditVerifyLauncherIT {
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path JAR = JarProcesses.JAR;
  private static final String JAVA = JarProcesses.JAVA;

  @TempDir
  Path data;

  @TempDir
  Path auditor;

  @RegisterExtension
  final JarProcesses processes = new JarProcesses("audit-verify-it");

  private Process demo(int port) throws IOException {
    return processes.demo(data, port, "--rate", "5", "--history-days", "0"); // the live traffic's log alone
  }



  record Verified(int exit, String out) {
    long size() {
      String last = out.strip().lines().reduce((a, b) -> b).orElse("");
      assertThat(last).as(out).matches("OK size=\\d+ root=[A-Za-z0-9+/=]{44}");
      return Long.parseLong(last.replaceAll("OK size=(\\d+) .*", "$1"));
    }
  }

  /** {@code java -jar glassplate.jar audit verify http://localhost:PORT OPTIONS...} as its own process. */
  private Verified verify(int port, String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(JAVA, "-jar", JAR.toString(), "audit", "verify",
        "http://localhost:" + port, "--pin-file", auditor.resolve("known-logs").toString()));
    cmd.addAll(List.of(options));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Verified(p.exitValue(), out);
  }

  @Test
  void aDemosLogVerifiesAndGrowsConsistentlyAcrossACleanStopAndAKill() throws Exception {
    int port = freePort();
    Process first = demo(port);
    awaitHealthy(port, Duration.ofSeconds(90));
    Thread.sleep(3_000); // the traffic simulator ingests, each batch audited
    Path saved = auditor.resolve("trusted.checkpoint");

    Verified v1 = verify(port, "--save-checkpoint", saved.toString());
    assertThat(v1.exit()).as(v1.out()).isZero();
    assertThat(v1.out()).contains("first use");
    long size1 = v1.size();
    assertThat(size1).isGreaterThan(2);

    Thread.sleep(3_000);
    Verified v2 = verify(port, "--trusted-checkpoint", saved.toString(), "--save-checkpoint", saved.toString());
    assertThat(v2.exit()).as(v2.out()).isZero();
    long size2 = v2.size();
    assertThat(size2).as("the log grows as traffic continues").isGreaterThan(size1);

    first.destroy(); // SIGTERM: the stop is audited and integrated before the server ends
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    Process second = demo(port);
    awaitHealthy(port, Duration.ofSeconds(90));
    Thread.sleep(2_000);
    HttpResponse<String> recent = HTTP.send(HttpRequest.newBuilder(URI.create(
        "http://localhost:" + port + "/api/v1/audit/entries?order=desc&count=1000")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(recent.body()).as("the clean stop was audited").contains("\"type\":\"SERVER_STOPPED\"");
    Verified v3 = verify(port, "--trusted-checkpoint", saved.toString(), "--save-checkpoint", saved.toString());
    assertThat(v3.exit()).as(v3.out()).isZero();
    long size3 = v3.size();
    assertThat(size3).isGreaterThan(size2);

    second.destroyForcibly(); // kill -9 in the middle of traffic: the next start resumes the tree from storage
    second.waitFor(30, TimeUnit.SECONDS);
    demo(port);
    awaitHealthy(port, Duration.ofSeconds(90));
    Thread.sleep(2_000);
    Verified v4 = verify(port, "--trusted-checkpoint", saved.toString());
    assertThat(v4.exit()).as(v4.out()).isZero();
    assertThat(v4.size()).isGreaterThan(size3);
    assertThat(Files.readString(auditor.resolve("known-logs"))).contains("/glassplate/");
  }
}

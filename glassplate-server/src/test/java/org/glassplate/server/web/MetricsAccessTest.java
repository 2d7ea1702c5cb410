package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.web.MetricsAccess.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may scrape the metrics (issue 18): this machine, unforwarded, or the metrics token; and the token itself. */
class MetricsAccessTest {
  private static final String TOKEN = "gpm_0123456789abcdefghijklmnopqrstuvwxyz";

  record Case(String name, String remote, Map<String, String> headers, Decision want) {
  }

  @Test
  void decidesByAddressForwardingAndToken(@TempDir Path dir) {
    MetricsToken token = new MetricsToken(TOKEN, dir);
    List<Case> cases = List.of(
        new Case("loopback", "127.0.0.1", Map.of(), Decision.LOCAL),
        new Case("another loopback", "127.0.0.77", Map.of(), Decision.LOCAL),
        new Case("IPv6 loopback", "0:0:0:0:0:0:0:1", Map.of(), Decision.LOCAL),
        new Case("IPv6 loopback, short", "::1", Map.of(), Decision.LOCAL),
        new Case("IPv4-mapped loopback", "::ffff:127.0.0.1", Map.of(), Decision.LOCAL),
        new Case("another machine", "203.0.113.7", Map.of(), Decision.NO_TOKEN),
        new Case("a private address", "10.0.0.5", Map.of(), Decision.NO_TOKEN),
        new Case("another IPv6 machine", "2001:db8::1", Map.of(), Decision.NO_TOKEN),
        new Case("a name is never resolved", "localhost", Map.of(), Decision.NO_TOKEN),
        new Case("no address", null, Map.of(), Decision.NO_TOKEN),
        new Case("forwarded by a local proxy", "127.0.0.1", Map.of("X-Forwarded-For", "203.0.113.7"),
            Decision.NO_TOKEN),
        new Case("Forwarded header", "127.0.0.1", Map.of("Forwarded", "for=203.0.113.7"), Decision.NO_TOKEN),
        new Case("X-Real-IP", "127.0.0.1", Map.of("X-Real-IP", "203.0.113.7"), Decision.NO_TOKEN),
        new Case("the token from elsewhere", "203.0.113.7", Map.of("Authorization", "Bearer " + TOKEN),
            Decision.TOKEN),
        new Case("the token, forwarded", "127.0.0.1", Map.of("Authorization", "bearer " + TOKEN,
            "X-Forwarded-For", "203.0.113.7"), Decision.TOKEN),
        new Case("a wrong token from elsewhere", "203.0.113.7", Map.of("Authorization", "Bearer " + TOKEN + "x"),
            Decision.WRONG_TOKEN),
        new Case("a wrong token locally", "127.0.0.1", Map.of("Authorization", "Bearer nope"),
            Decision.WRONG_TOKEN),
        new Case("the token, not as Bearer", "127.0.0.1", Map.of("Authorization", "Basic " + TOKEN),
            Decision.WRONG_TOKEN),
        new Case("an empty Bearer", "127.0.0.1", Map.of("Authorization", "Bearer "), Decision.WRONG_TOKEN));
    for (Case c : cases) {
      Map<String, String> headers = new HashMap<>();
      c.headers().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
      Decision got = MetricsAccess.decide(c.remote(), h -> headers.get(h.toLowerCase(java.util.Locale.ROOT)), token);
      assertThat(got).as("%s: got %s, want %s", c.name(), got, c.want()).isEqualTo(c.want());
      assertThat(got.admitted()).isEqualTo(c.want() == Decision.LOCAL || c.want() == Decision.TOKEN);
    }
  }

  @Test
  void makesATokenOnlyTheOwnerCanReadAndKeepsIt(@TempDir Path dir) throws Exception {
    String made = MetricsToken.resolve("", dir.resolve("metrics-token"));
    Path file = dir.resolve("metrics-token");
    assertThat(made).startsWith("gpm_").hasSizeGreaterThanOrEqualTo(MetricsToken.MIN_LENGTH);
    assertThat(Files.readString(file).strip()).isEqualTo(made);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(MetricsToken.resolve(null, file)).as("the next start reads the same token").isEqualTo(made);
    assertThat(new MetricsToken("", dir).matches(made)).isTrue();
    assertThat(new MetricsToken("", dir).matches(made + "x")).isFalse();
    assertThat(new MetricsToken("", dir).matches(null)).isFalse();
  }

  @Test
  void aConfiguredTokenWinsAndMustBeLongEnough(@TempDir Path dir) {
    assertThat(MetricsToken.resolve("  " + TOKEN + " ", dir.resolve("metrics-token"))).isEqualTo(TOKEN);
    assertThat(dir.resolve("metrics-token")).as("no file is made for a configured token").doesNotExist();
    assertThatThrownBy(() -> MetricsToken.resolve("short", dir.resolve("metrics-token")))
        .hasMessageContaining("glassplate.metrics.token must be at least 24 characters (it has 5)");
  }

  @Test
  void refusesATooShortTokenFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("metrics-token"), "abc\n");
    assertThatThrownBy(() -> MetricsToken.resolve(null, dir.resolve("metrics-token")))
        .hasMessageContaining("shorter than 24 characters");
  }
}

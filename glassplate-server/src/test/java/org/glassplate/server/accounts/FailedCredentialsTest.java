package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassplate.server.audit.AuditEvent;
import org.glassplate.server.audit.AuditEventTypes;
import org.glassplate.server.audit.RepeatedFailures;
import org.glassplate.server.core.RetryLater;
import org.glassplate.server.support.MutableClock;
import org.glassplate.server.support.RefusalTable;
import org.junit.jupiter.api.Test;

/** An address that fails too often is held back for the rest of its minute (issue 12 item 8). */
class FailedCredentialsTest {
  private final MutableClock clock = new MutableClock();
  private final List<AuditEvent> written = new ArrayList<>();
  private final FailedCredentials addresses = new FailedCredentials(new RepeatedFailures(written::add, clock), clock, 5);

  @Test
  void theFailuresOfOneAddressWithinAMinuteHoldItBackUntilTheMinuteEnds() {
    for (int i = 0; i < 4; i++) {
      addresses.failed("192.0.2.1");
      assertThat(addresses.holdBack("192.0.2.1", "PASSWORD")).isEmpty();
    }
    clock.advance(Duration.ofSeconds(20));
    addresses.tokenRefused("192.0.2.1", true);

    Optional<RetryLater> held = addresses.holdBack("192.0.2.1", "BEARER");

    assertThat(held).hasValueSatisfying(r -> {
      assertThat(r.code()).isEqualTo("TOO_MANY_FAILURES");
      assertThat(RefusalTable.status(r).value()).isEqualTo(429);
      assertThat(r.retryAfterSeconds()).isBetween(39L, 40L);
    });
    assertThat(addresses.holdBack("192.0.2.2", "PASSWORD")).as("another address").isEmpty();
    clock.advance(Duration.ofSeconds(40));
    assertThat(addresses.holdBack("192.0.2.1", "PASSWORD")).as("the minute is over").isEmpty();
  }

  @Test
  void everyHeldBackAttemptIsOnTheRecordFoldedPerMinute() {
    for (int i = 0; i < 5; i++) {
      addresses.failed("192.0.2.3");
    }

    addresses.holdBack("192.0.2.3", "PASSWORD");
    addresses.holdBack("192.0.2.3", "PASSWORD");
    addresses.holdBack("192.0.2.3", "PASSWORD");

    assertThat(written).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(AuditEventTypes.CREDENTIALS_HELD_BACK);
      assertThat(e.outcome()).isEqualTo("DENIED");
      assertThat(e.reasonCode()).isEqualTo("TOO_MANY_FAILURES");
      assertThat(e.privateFields()).containsEntry("sourceAddress", "192.0.2.3");
    });
  }

  @Test
  void aTokenOfAFormNoFeatureIssuesIsAuditedHere() {
    addresses.tokenRefused("192.0.2.4", false);
    addresses.tokenRefused("192.0.2.4", true);

    assertThat(written).singleElement().satisfies(e -> {
      assertThat(e.type()).isEqualTo(AuditEventTypes.API_TOKEN_REFUSED);
      assertThat(e.reasonCode()).isEqualTo("UNRECOGNIZED_TOKEN");
    });
  }
}

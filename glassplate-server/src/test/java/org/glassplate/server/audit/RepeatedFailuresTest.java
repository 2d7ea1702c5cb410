package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.glassplate.server.core.Caller;
import org.glassplate.server.support.MutableClock;
import org.junit.jupiter.api.Test;

/** Failures that come in floods are all on the record, but as one entry a minute per kind (issue 12 item 8). */
class RepeatedFailuresTest {
  private final MutableClock clock = new MutableClock();
  private final List<AuditEvent> written = new ArrayList<>();
  private final RepeatedFailures failures = new RepeatedFailures(written::add, clock);

  private static AuditEvent failure(long account, String source, String reason) {
    Caller claimed = new Caller(Caller.Kind.USER, account, account == 0 ? "user:unknown" : "user:" + account, Set.of(),
        source);
    return AuditEvent.of(AuditEventTypes.SIGN_IN_FAILED, claimed).failed(reason).with("step", "PASSWORD").build();
  }

  @Test
  void theFirstFailureIsRecordedAtOnceAndTheRepeatsOfItsMinuteAsOneEntryWithTheirCount() {
    AuditEvent first = failure(7, "192.0.2.1", "BAD_PASSWORD");
    failures.record(first);
    assertThat(written).containsExactly(first);

    for (int i = 0; i < 24; i++) {
      clock.advance(Duration.ofSeconds(2));
      failures.record(failure(7, "192.0.2.1", "BAD_PASSWORD"));
    }
    assertThat(written).as("repeats within the minute are counted, not written").hasSize(1);

    clock.advance(Duration.ofSeconds(30));
    AuditEvent next = failure(7, "192.0.2.1", "BAD_PASSWORD");
    failures.record(next);

    assertThat(written).hasSize(3);
    AuditEvent folded = written.get(1);
    assertThat(folded.type()).isEqualTo(AuditEventTypes.SIGN_IN_FAILED);
    assertThat(folded.actor().pseudonym()).isEqualTo("user:7");
    assertThat(folded.outcome()).isEqualTo("FAILURE");
    assertThat(folded.reasonCode()).isEqualTo("BAD_PASSWORD");
    assertThat(folded.publicFields()).containsEntry("repeats", 24).containsEntry("step", "PASSWORD")
        .containsKeys("since", "lastAt");
    assertThat(folded.privateFields()).containsEntry("sourceAddress", "192.0.2.1");
    assertThat(written.get(2)).as("the failure after the minute opens the next one, at once").isSameAs(next);
  }

  @Test
  void theFlushRecordsTheRepeatsOfAClosedMinuteWithoutAnotherFailure() {
    failures.record(failure(8, "192.0.2.1", "BAD_TOTP"));
    failures.record(failure(8, "192.0.2.1", "BAD_TOTP"));
    failures.record(failure(8, "192.0.2.1", "BAD_TOTP"));

    failures.flush();
    assertThat(written).as("the minute is still open").hasSize(1);
    clock.advance(RepeatedFailures.WINDOW);
    failures.flush();
    failures.flush();

    assertThat(written).hasSize(2);
    assertThat(written.get(1).publicFields()).containsEntry("repeats", 2);
  }

  @Test
  void aMinuteWithoutRepeatsLeavesNoFoldedEntry() {
    failures.record(failure(9, "192.0.2.1", "BAD_PASSWORD"));
    clock.advance(RepeatedFailures.WINDOW.plusSeconds(1));
    failures.flush();

    assertThat(written).hasSize(1);
  }

  @Test
  void failuresOfAnotherPersonAddressOrReasonAreNeverFoldedTogether() {
    failures.record(failure(10, "192.0.2.1", "BAD_PASSWORD"));
    failures.record(failure(11, "192.0.2.1", "BAD_PASSWORD"));
    failures.record(failure(10, "192.0.2.2", "BAD_PASSWORD"));
    failures.record(failure(10, "192.0.2.1", "BAD_TOTP"));
    failures.record(AuditEvent.of(AuditEventTypes.API_TOKEN_REFUSED,
        new Caller(Caller.Kind.USER, 10, "user:10", Set.of(), "192.0.2.1")).failed("BAD_PASSWORD").build());

    assertThat(written).as("each is the first of its kind").hasSize(5);
  }

  @Test
  void aFirstFailureThatCannotBeWrittenIsTriedAgainAtTheNextOne() {
    List<AuditEvent> log = new ArrayList<>();
    boolean[] down = {true};
    RepeatedFailures flaky = new RepeatedFailures(e -> {
      if (down[0]) {
        throw new IllegalStateException("the audit log is down");
      }
      log.add(e);
    }, clock);

    assertThatThrownBy(() -> flaky.record(failure(12, "192.0.2.1", "BAD_PASSWORD")))
        .isInstanceOf(IllegalStateException.class);
    down[0] = false;
    AuditEvent again = failure(12, "192.0.2.1", "BAD_PASSWORD");
    flaky.record(again);

    assertThat(log).as("not counted as a repeat of one never written").containsExactly(again);
  }

  @Test
  void aStopRecordsTheRepeatsOfTheMinutesStillOpen() {
    failures.record(failure(13, "192.0.2.1", "BAD_PASSWORD"));
    failures.record(failure(13, "192.0.2.1", "BAD_PASSWORD"));

    failures.flushAll();

    assertThat(written).hasSize(2);
    assertThat(written.get(1).publicFields()).containsEntry("repeats", 1);
  }
}

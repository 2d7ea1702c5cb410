package org.glassplate.server.hotlist;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.Map;
import org.glassplate.server.accounts.AccountSeeder;
import org.glassplate.server.core.Roles;
import org.glassplate.server.support.EventStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A browser that closes the alert page ends its stream quietly (issue 13): the next message the
 * server sends finds the client gone, the stream is dropped, and nothing is logged as an ERROR
 * (it was an {@code AsyncRequestNotUsableException} ERROR every time a page closed).
 */
class AlertStreamClosedByBrowserIT extends HotlistTestSupport {
  @Autowired
  AlertStream alertStream;

  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger advice = (Logger) LoggerFactory.getLogger("org.glassplate.server.web.ErrorAdvice");
  private Level adviceLevel;

  @BeforeEach
  void captureLogs() {
    logged.start();
    root.addAppender(logged);
    adviceLevel = advice.getLevel();
    advice.setLevel(Level.DEBUG);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logged);
    advice.setLevel(adviceLevel);
  }

  @Test
  void aStreamWhoseBrowserWentAwayEndsWithoutAnErrorInTheLog() throws Exception {
    AccountSeeder.SeededUser op = seeder.seed(AccountSeeder.Spec.of("hl-gone-" + PEOPLE.incrementAndGet(),
        "Gail Gone", Roles.OPERATOR));
    EventStream stream = EventStream.open(baseUrl() + "/api/v1/alerts/stream",
        Map.of("Authorization", "Bearer " + op.apiToken()));
    assertThat(alertStream.openStreams(op.id())).isEqualTo(1);

    stream.close(); // the page is closed

    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (alertStream.openStreams(op.id()) > 0 && System.nanoTime() < deadline) {
      alertStream.heartbeat(); // the next keep-alive finds the browser gone
      Thread.sleep(100);
    }
    assertThat(alertStream.openStreams(op.id())).as("the closed stream was dropped").isZero();
    // the container then ends the request with the failure: it is handled as a client that left
    while (logged.list.stream().noneMatch(AlertStreamClosedByBrowserIT::clientLeft) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(logged.list).as("the failed write was handled as a client that left")
        .anyMatch(AlertStreamClosedByBrowserIT::clientLeft);
    assertThat(logged.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
        .extracting(ILoggingEvent::getFormattedMessage).isEmpty();
  }

  private static boolean clientLeft(ILoggingEvent e) {
    return e.getLoggerName().endsWith("ErrorAdvice") && e.getFormattedMessage().contains("went away");
  }
}

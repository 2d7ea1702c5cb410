package org.glassplate.server.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** Records the application events features publish, from any thread, for tests to inspect. */
@TestConfiguration
public class RecordedEvents {

  /** The recorded events. */
  public static final class Log {
    private final List<Object> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(Object event) {
      if (event.getClass().isRecord()) {
        events.add(event);
      }
    }

    public <T> List<T> of(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  @Bean
  Log recordedEventLog() {
    return new Log();
  }
}

package org.glassplate.server.core;

import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one clock of the application (STYLE.md 4), replayable ({@link ReplayClock}); tests replace it with a settable one. */
@Configuration
class ClockConfig {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return ReplayClock.system();
  }
}

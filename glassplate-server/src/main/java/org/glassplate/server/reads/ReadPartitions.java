package org.glassplate.server.reads;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps one {@code plate_read} partition per UTC capture day, created ahead of time: from the
 * oldest day a read may still be accepted to two days ahead. A purge can then drop whole days.
 */
@Component
public class ReadPartitions {
  private static final Logger log = LoggerFactory.getLogger(ReadPartitions.class);
  private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd");
  static final int DAYS_AHEAD = 2;

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectProvider<ReadAgeLimit> ageLimit;
  private final Duration defaultMaxAge;

  ReadPartitions(JdbcClient jdbc, Clock clock, ObjectProvider<ReadAgeLimit> ageLimit,
      @Value("${glassplate.reads.max-age:P30D}") Duration defaultMaxAge) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ageLimit = ageLimit;
    this.defaultMaxAge = defaultMaxAge;
  }

  /** The longest a read may be kept without a hit, as now enforced. */
  public Duration maxAge() {
    ReadAgeLimit limit = ageLimit.getIfUnique();
    return limit == null ? defaultMaxAge : limit.maxAge();
  }

  @EventListener(ApplicationStartedEvent.class)
  @Scheduled(cron = "0 5 * * * *", zone = "UTC")
  public void maintain() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    long back = maxAge().toDays() + 1;
    int created = ensure(today.minusDays(back), today.plusDays(DAYS_AHEAD));
    if (created > 0) {
      log.info("created {} plate_read day partitions", created);
    }
  }

  /** Creates the missing day partitions in [from, to]; returns how many were new. */
  public int ensure(LocalDate from, LocalDate to) {
    int created = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      String name = partitionName(d);
      Boolean exists = jdbc.sql("SELECT to_regclass(:n) IS NOT NULL").param("n", name).query(Boolean.class).single();
      if (!exists) {
        jdbc.sql("CREATE TABLE IF NOT EXISTS " + name + " PARTITION OF plate_read FOR VALUES FROM ('"
            + d + " 00:00:00+00') TO ('" + d.plusDays(1) + " 00:00:00+00')").update();
        created++;
      }
    }
    return created;
  }

  public static String partitionName(LocalDate day) {
    return "plate_read_p" + NAME.format(day);
  }
}

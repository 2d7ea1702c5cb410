package org.glassplate.server.hotlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadMatcher;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Runs every ingested read against the hot lists of the sources the policy enables (R-HOT-2,
 * R-HOT-4), inside the ingest transaction: the index finds candidates in memory, one query per
 * batch confirms them (entry active and unexpired, list generation current, state matches), and
 * the alerts are stored with the reads. Each alert is published as a {@link HotlistHit}.
 */
@Component
class HotlistMatcher implements ReadMatcher {
  private final HotlistIndexer indexer;
  private final HotlistPolicy policy;
  private final JdbcClient jdbc;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  HotlistMatcher(HotlistIndexer indexer, HotlistPolicy policy, JdbcClient jdbc, ApplicationEventPublisher events,
      Clock clock) {
    this.indexer = indexer;
    this.policy = policy;
    this.jdbc = jdbc;
    this.events = events;
    this.clock = clock;
  }

  private record Row(long entryId, long listId, String listName, HotlistSource source, String plate, boolean partial,
      String state, ReasonCategory reason) {
  }

  private record Key(long listId, String plate) {
  }

  @Override
  public List<AlertSummary> matchInTransaction(List<PlateRead> reads) {
    Set<HotlistSource> enabled = policy.enabledSources();
    if (reads.isEmpty() || enabled.isEmpty()) {
      return List.of();
    }
    int mask = MatchIndex.mask(enabled);
    MatchIndex index = indexer.index();
    Map<Integer, List<MatchIndex.Candidate>> byRead = new HashMap<>();
    List<MatchIndex.Candidate> scratch = new ArrayList<>();
    for (int i = 0; i < reads.size(); i++) {
      index.candidates(reads.get(i).plate().value(), mask, scratch);
      if (!scratch.isEmpty()) {
        byRead.put(i, List.copyOf(scratch));
        scratch.clear();
      }
    }
    if (byRead.isEmpty()) {
      return List.of();
    }
    Instant now = clock.instant();
    Map<Key, List<Row>> rows = confirm(byRead, enabled, now);
    List<AlertSummary> out = new ArrayList<>();
    for (Map.Entry<Integer, List<MatchIndex.Candidate>> e : byRead.entrySet()) {
      PlateRead read = reads.get(e.getKey());
      Set<Long> entriesHit = new LinkedHashSet<>();
      for (MatchIndex.Candidate c : e.getValue()) {
        for (Row row : rows.getOrDefault(new Key(c.listId(), c.plate()), List.of())) {
          if (row.partial() != (c.kind() == MatchKind.PARTIAL)) {
            continue;
          }
          if (row.state() != null && !row.state().equals(read.state().value())) {
            continue; // an entry with a state matches reads of that state only
          }
          if (entriesHit.add(row.entryId())) {
            store(read, row, c.kind(), now).ifPresent(out::add);
          }
        }
      }
    }
    return out;
  }

  private Map<Key, List<Row>> confirm(Map<Integer, List<MatchIndex.Candidate>> byRead, Set<HotlistSource> enabled,
      Instant now) {
    Set<String> plates = new LinkedHashSet<>();
    Set<Long> lists = new LinkedHashSet<>();
    byRead.values().forEach(cs -> cs.forEach(c -> {
      plates.add(c.plate());
      lists.add(c.listId());
    }));
    Map<Key, List<Row>> out = new HashMap<>();
    jdbc.sql("""
            SELECT e.id, e.list_id, l.name, l.source, e.plate, e.partial, e.state, e.reason
            FROM hotlist_entry e JOIN hotlist l ON l.id = e.list_id
            WHERE e.plate = ANY(:plates) AND e.list_id = ANY(:lists) AND e.status = 'ACTIVE'
              AND e.expires_at > :now AND e.generation = l.generation AND l.active AND l.source = ANY(:sources)""")
        .param("plates", plates.toArray(new String[0]))
        .param("lists", lists.toArray(new Long[0]))
        .param("now", Timestamp.from(now))
        .param("sources", enabled.stream().map(HotlistSource::code).toArray(String[]::new))
        .query((rs, n) -> {
          String state = rs.getString("state");
          Row row = new Row(rs.getLong("id"), rs.getLong("list_id"), rs.getString("name"),
              HotlistSource.parse(rs.getString("source")), rs.getString("plate"), rs.getBoolean("partial"),
              state == null ? null : state.trim(), ReasonCategory.parse(rs.getString("reason")));
          out.computeIfAbsent(new Key(row.listId(), row.plate()), k -> new ArrayList<>()).add(row);
          return row;
        }).list();
    return out;
  }

  private java.util.Optional<AlertSummary> store(PlateRead read, Row row, MatchKind kind, Instant now) {
    java.util.Optional<Long> id = jdbc.sql("""
            INSERT INTO hotlist_alert (read_id, camera_id, plate, state, captured_at, lat, lon, confidence, list_id,
                                       entry_id, entry_plate, entry_state, reason, source, match_kind, raised_at)
            VALUES (:read, :camera, :plate, :state, :captured, :lat, :lon, :confidence, :list, :entry, :entryPlate,
                    :entryState, :reason, :source, :kind, :now)
            ON CONFLICT (read_id, entry_id) DO NOTHING RETURNING id""")
        .param("read", read.id()).param("camera", read.cameraId()).param("plate", read.plate().value())
        .param("state", read.state().value()).param("captured", Timestamp.from(read.capturedAt()))
        .param("lat", read.lat()).param("lon", read.lon()).param("confidence", read.confidence())
        .param("list", row.listId()).param("entry", row.entryId()).param("entryPlate", row.plate())
        .param("entryState", row.state()).param("reason", row.reason().code()).param("source", row.source().code())
        .param("kind", kind.code()).param("now", Timestamp.from(now))
        .query(Long.class).optional();
    id.ifPresent(alertId -> {
      events.publishEvent(new HotlistHit(alertId, read.id(), read.cameraId(), read.capturedAt(), row.listId(),
          row.source(), kind));
      events.publishEvent(new AlertRaised(new Alert(alertId, read.id(), read.cameraId(), read.plate().value(),
          read.state().value(), read.capturedAt(), read.lat(), read.lon(), read.confidence(), row.listId(),
          row.listName(), row.source(), row.entryId(), row.plate(), row.state(), row.reason(), kind, now, null)));
    });
    return id.map(alertId -> new AlertSummary(alertId, read.id(), kind.code(), row.source().code()));
  }
}

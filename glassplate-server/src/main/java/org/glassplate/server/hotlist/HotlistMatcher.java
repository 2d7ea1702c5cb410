package org.glassplate.server.hotlist;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.glassplate.server.hotlist.internal.AlertStore;
import org.glassplate.server.hotlist.internal.HotlistStore;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.reads.ReadMatcher;
import org.springframework.context.ApplicationEventPublisher;
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
  private final HotlistStore entries;
  private final AlertStore alerts;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  HotlistMatcher(HotlistIndexer indexer, HotlistPolicy policy, HotlistStore entries, AlertStore alerts,
      ApplicationEventPublisher events, Clock clock) {
    this.indexer = indexer;
    this.policy = policy;
    this.entries = entries;
    this.alerts = alerts;
    this.events = events;
    this.clock = clock;
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
    Map<Key, List<HotlistStore.Confirmed>> rows = confirm(byRead, enabled, now);
    List<AlertSummary> out = new ArrayList<>();
    for (Map.Entry<Integer, List<MatchIndex.Candidate>> e : byRead.entrySet()) {
      PlateRead read = reads.get(e.getKey());
      Set<Long> entriesHit = new LinkedHashSet<>();
      for (MatchIndex.Candidate c : e.getValue()) {
        for (HotlistStore.Confirmed row : rows.getOrDefault(new Key(c.listId(), c.plate()), List.of())) {
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

  private Map<Key, List<HotlistStore.Confirmed>> confirm(Map<Integer, List<MatchIndex.Candidate>> byRead,
      Set<HotlistSource> enabled, Instant now) {
    Set<String> plates = new LinkedHashSet<>();
    Set<Long> lists = new LinkedHashSet<>();
    byRead.values().forEach(cs -> cs.forEach(c -> {
      plates.add(c.plate());
      lists.add(c.listId());
    }));
    Map<Key, List<HotlistStore.Confirmed>> out = new HashMap<>();
    for (HotlistStore.Confirmed row : entries.confirm(plates.toArray(new String[0]), lists.toArray(new Long[0]),
        enabled.stream().map(HotlistSource::code).toArray(String[]::new), now)) {
      out.computeIfAbsent(new Key(row.listId(), row.plate()), k -> new ArrayList<>()).add(row);
    }
    return out;
  }

  private java.util.Optional<AlertSummary> store(PlateRead read, HotlistStore.Confirmed row, MatchKind kind, Instant now) {
    java.util.Optional<Long> id = alerts.insert(read, row, kind, now);
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

package org.glassplate.server.hotlist;

import java.time.Clock;
import java.util.List;
import org.glassplate.server.hotlist.internal.HotlistStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@link MatchIndex} in step with the database: loads every active list before the
 * server takes requests, adds entries as they become active, and rebuilds each list every so often
 * so that expired and removed entries stop costing a lookup.
 */
@Component
class HotlistIndexer implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(HotlistIndexer.class);

  private final MatchIndex index = new MatchIndex();
  private final HotlistStore store;
  private final Clock clock;

  HotlistIndexer(HotlistStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  MatchIndex index() {
    return index;
  }

  @Override
  public void afterSingletonsInstantiated() {
    rebuildAll();
  }

  /** Rebuilds every list from the database (hourly, and at start). */
  @Scheduled(fixedDelayString = "${glassplate.hotlist.rebuild-interval:PT1H}",
      initialDelayString = "${glassplate.hotlist.rebuild-interval:PT1H}")
  void rebuildAll() {
    List<Hotlist> lists = store.all();
    long entries = 0;
    for (Hotlist l : lists) {
      if (!l.active()) {
        index.remove(l.id());
        continue;
      }
      entries += rebuild(l.id(), l.source(), l.generation());
    }
    log.info("hot-list index holds {} lists and {} entries", lists.size(), entries);
  }

  void register(long listId, HotlistSource source) {
    index.list(listId, source);
  }

  /** An entry became active: it matches from now on (the database still confirms each candidate). */
  void added(long listId, HotlistSource source, String plateOrPattern) {
    MatchIndex.ListIndex l = index.list(listId, source);
    if (PlatePattern.isPattern(plateOrPattern)) {
      l.add(new long[0], List.of(new PlatePattern(plateOrPattern)));
    } else {
      l.add(new long[] {PlateCodes.encode(plateOrPattern)}, List.of());
    }
    if (l.delta.size() > 65_536) {
      rebuild(listId, source, currentGeneration(listId));
    }
  }

  int currentGeneration(long listId) {
    return store.currentGeneration(listId);
  }

  /** Rebuilds one list's snapshot from its active, unexpired entries of {@code generation}. */
  int rebuild(long listId, HotlistSource source, int generation) {
    MatchIndex.ListIndex l = index.list(listId, source);
    MatchIndex.Snapshot seen = l.delta;
    MatchIndex.Snapshot built = load(listId, generation);
    l.install(built, seen);
    return built.size();
  }

  /** Reads the plates of one generation of a list, streamed, into a snapshot. */
  MatchIndex.Snapshot load(long listId, int generation) {
    MatchIndex.CodeBuffer buffer = new MatchIndex.CodeBuffer();
    store.forEachActivePlate(listId, generation, clock.instant(), buffer::add);
    return buffer.build();
  }
}

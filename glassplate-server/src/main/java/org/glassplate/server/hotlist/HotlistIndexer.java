package org.glassplate.server.hotlist;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the {@link MatchIndex} in step with the database: loads every active list before the
 * server takes requests, adds entries as they become active, and rebuilds each list every so often
 * so that expired and removed entries stop costing a lookup.
 */
@Component
class HotlistIndexer implements SmartInitializingSingleton {
  private static final Logger log = LoggerFactory.getLogger(HotlistIndexer.class);
  static final int FETCH_SIZE = 50_000;

  private final MatchIndex index = new MatchIndex();
  private final JdbcClient jdbc;
  private final JdbcTemplate template;
  private final TransactionTemplate tx;
  private final Clock clock;

  HotlistIndexer(JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock) {
    this.jdbc = jdbc;
    this.template = template;
    this.tx = tx;
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
    List<Hotlist> lists = jdbc.sql("SELECT * FROM hotlist ORDER BY id").query(Hotlists::list).list();
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
    return jdbc.sql("SELECT generation FROM hotlist WHERE id = :id").param("id", listId).query(Integer.class).single();
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
    // in a transaction, so that the driver streams with a cursor instead of loading every row
    tx.executeWithoutResult(status -> template.query(con -> {
      var ps = con.prepareStatement("""
          SELECT plate FROM hotlist_entry
          WHERE list_id = ? AND generation = ? AND status = 'ACTIVE' AND expires_at > ?""");
      ps.setFetchSize(FETCH_SIZE);
      ps.setLong(1, listId);
      ps.setInt(2, generation);
      ps.setTimestamp(3, Timestamp.from(clock.instant()));
      return ps;
    }, rs -> {
      buffer.add(rs.getString(1));
    }));
    return buffer.build();
  }
}

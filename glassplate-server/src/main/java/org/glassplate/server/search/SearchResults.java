package org.glassplate.server.search;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.glassplate.server.core.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Which reads each search returned, by search id (ids only). A legal hold or a retention extension
 * may name a search instead of listing its reads; only the person who ran the search may do so.
 */
@Component
public class SearchResults {
  private final JdbcClient jdbc;

  SearchResults(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One search's results as its owner may name them. */
  public record Searched(UUID searchId, String caseNumber, Instant searchedAt, List<Long> readIds) {
    @Override
    public String toString() {
      return "Searched[" + searchId + ", " + readIds.size() + " reads]";
    }
  }

  void store(UUID searchId, Caller caller, String caseNumber, Instant at, List<Long> readIds) {
    jdbc.sql("""
            INSERT INTO search_result (search_id, account_id, case_number, searched_at, read_ids)
            VALUES (:id, :account, :case, :at, :reads)""")
        .param("id", searchId).param("account", caller.id()).param("case", caseNumber)
        .param("at", Timestamp.from(at)).param("reads", readIds.toArray(new Long[0])).update();
  }

  /** The search {@code searchId} if {@code caller} ran it; empty for an unknown id or another person's search. */
  public Optional<Searched> ownedBy(UUID searchId, Caller caller) {
    if (caller.kind() != Caller.Kind.USER) {
      return Optional.empty();
    }
    return jdbc.sql("""
            SELECT search_id, case_number, searched_at, read_ids FROM search_result
            WHERE search_id = :id AND account_id = :account""")
        .param("id", searchId).param("account", caller.id())
        .query((rs, n) -> {
          Array a = rs.getArray("read_ids");
          List<Long> ids = List.of((Long[]) a.getArray());
          return new Searched(rs.getObject("search_id", UUID.class), rs.getString("case_number"),
              rs.getTimestamp("searched_at").toInstant(), ids);
        }).optional();
  }

  /** Forgets the results of searches run before the purge's cutoff, in the purge's transaction. */
  @org.springframework.context.event.EventListener
  void on(org.glassplate.server.reads.ReadsPurged purged) {
    forgetBefore(purged.cutoff());
  }

  /** Forgets the results of searches run before {@code cutoff}; returns how many. */
  int forgetBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM search_result WHERE searched_at < :cutoff").param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}

package org.glassplate.server.search.internal;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.glassplate.server.search.SearchResults;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL of table {@code search_result}. Runs in the caller's transaction. */
@Repository
public class ResultStore {
  private final JdbcClient jdbc;

  public ResultStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(UUID searchId, long accountId, String caseNumber, Instant at, List<Long> readIds) {
    jdbc.sql("""
            INSERT INTO search_result (search_id, account_id, case_number, searched_at, read_ids)
            VALUES (:id, :account, :case, :at, :reads)""")
        .param("id", searchId).param("account", accountId).param("case", caseNumber)
        .param("at", Timestamp.from(at)).param("reads", readIds.toArray(new Long[0])).update();
  }

  public Optional<SearchResults.Searched> find(UUID searchId, long accountId) {
    return jdbc.sql("""
            SELECT search_id, case_number, searched_at, read_ids FROM search_result
            WHERE search_id = :id AND account_id = :account""")
        .param("id", searchId).param("account", accountId)
        .query((rs, n) -> {
          Array a = rs.getArray("read_ids");
          List<Long> ids = List.of((Long[]) a.getArray());
          return new SearchResults.Searched(rs.getObject("search_id", UUID.class), rs.getString("case_number"),
              rs.getTimestamp("searched_at").toInstant(), ids);
        }).optional();
  }

  /** Which of {@code readIds} the searches of account {@code accountId} returned (indexed by the account). */
  public List<Long> foundBy(long accountId, Collection<Long> readIds) {
    return jdbc.sql("""
            SELECT DISTINCT r.id FROM search_result s CROSS JOIN LATERAL unnest(s.read_ids) AS r(id)
            WHERE s.account_id = :account AND r.id = ANY(:ids)""")
        .param("account", accountId).param("ids", readIds.toArray(new Long[0]))
        .query(Long.class).list();
  }

  public int deleteSearchedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM search_result WHERE searched_at < :cutoff").param("cutoff", Timestamp.from(cutoff))
        .update();
  }
}

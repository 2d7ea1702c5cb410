package org.glassplate.server.search;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.glassplate.server.core.Caller;
import org.glassplate.server.reads.ReadsPurged;
import org.glassplate.server.search.internal.ResultStore;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Which reads each search returned, by search id (ids only). A legal hold or a retention extension
 * may name a search instead of listing its reads; only the person who ran the search may do so, and
 * a hold that lists reads may list only reads that its requester's searches returned.
 */
@Component
public class SearchResults {
  private final ResultStore store;

  SearchResults(ResultStore store) {
    this.store = store;
  }

  /** One search's results as its owner may name them. */
  public record Searched(UUID searchId, String caseNumber, Instant searchedAt, List<Long> readIds) {
    @Override
    public String toString() {
      return "Searched[" + searchId + ", " + readIds.size() + " reads]";
    }
  }

  void store(UUID searchId, Caller caller, String caseNumber, Instant at, List<Long> readIds) {
    store.insert(searchId, caller.id(), caseNumber, at, readIds);
  }

  /** The search {@code searchId} if {@code caller} ran it; empty for an unknown id or another person's search. */
  public Optional<Searched> ownedBy(UUID searchId, Caller caller) {
    if (caller.kind() != Caller.Kind.USER) {
      return Optional.empty();
    }
    return store.find(searchId, caller.id());
  }

  /**
   * Which of {@code readIds} a search that {@code caller} ran returned (among the results still
   * kept): a hold or extension may name only those (issue 12). Empty for anyone but a person.
   */
  public Set<Long> foundBy(Caller caller, Collection<Long> readIds) {
    if (caller.kind() != Caller.Kind.USER || readIds.isEmpty()) {
      return Set.of();
    }
    return Set.copyOf(store.foundBy(caller.id(), readIds));
  }

  /** Forgets the results of searches run before the purge's cutoff, in the purge's transaction. */
  @EventListener
  void on(ReadsPurged purged) {
    forgetBefore(purged.cutoff());
  }

  /** Forgets the results of searches run before {@code cutoff}; returns how many. */
  int forgetBefore(Instant cutoff) {
    return store.deleteSearchedBefore(cutoff);
  }
}

package org.glassplate.server.search;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Figures;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The search figures (issue 18): searches performed and refused, labelled by outcome, the refusal's
 * reason code (one of {@link DeniedReasons}' closed set, e.g. {@code PROHIBITED_PURPOSE}, {@code MISSING_CASE_NUMBER};
 * {@code none} for a search that ran), the search kind ({@code PLATE}, {@code PATTERN}, {@code AREA})
 * and whether a person here or a partner agency asked. Never the plate, the case number, the reason,
 * the offense nor who asked.
 */
@Component
class SearchMetrics {
  static final String SEARCHES = "glassplate.searches";

  private final MeterRegistry registry;

  SearchMetrics(MeterRegistry registry) {
    this.registry = registry;
    // the common series exist from the start, so a rate is defined before the first search
    counter("performed", "none", "PLATE", "local");
    counter("refused", "PROHIBITED_PURPOSE", "none", "local");
  }

  @EventListener
  void on(SearchPerformed performed) {
    Figures.record(() -> counter("performed", "none", Figures.code(performed.kind()), origin(performed.caller()))
        .increment());
  }

  @EventListener
  void on(SearchDenied denied) {
    Figures.record(() -> counter("refused", code(denied.reasonCode()), "none", origin(denied.caller())).increment());
  }

  private Counter counter(String outcome, String code, String kind, String origin) {
    return Counter.builder(SEARCHES).description("searches of reads, by outcome and refusal code")
        .tags("outcome", outcome, "code", code, "kind", kind, "origin", origin).register(registry);
  }

  /** A label from the closed set of refusal reason codes; anything else (none today) counts as {@code OTHER}. */
  static String code(String reasonCode) {
    return reasonCode != null && (DeniedReasons.known(reasonCode) || PARTNER_ONLY.contains(reasonCode))
        ? reasonCode : "OTHER";
  }

  /** The codes only a partner agency's query is refused with (its requester, its agreement's scope). */
  private static final java.util.Set<String> PARTNER_ONLY = java.util.Set.of("INVALID_REQUESTER", "OUTSIDE_SCOPE");

  private static String origin(Caller caller) {
    return caller != null && caller.kind() == Caller.Kind.PARTNER ? "partner" : "local";
  }
}

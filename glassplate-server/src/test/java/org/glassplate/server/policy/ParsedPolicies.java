package org.glassplate.server.policy;

import java.time.Instant;
import java.util.List;

/** Policies parsed from text, for unit tests of other features that judge by a policy (no database). */
public final class ParsedPolicies {
  private ParsedPolicies() {
  }

  /** The shipped California default, parsed. */
  public static EffectivePolicy shippedDefault() {
    return of(PolicyParserTest.defaultDocument());
  }

  /** The shipped default with its text changed by {@code edit}. */
  public static EffectivePolicy shippedDefault(java.util.function.UnaryOperator<String> edit) {
    return of(edit.apply(PolicyParserTest.defaultDocument()));
  }

  /** A document as version 1 in force since the epoch. */
  public static EffectivePolicy of(String document) {
    return new EffectivePolicy(1, "test", Instant.EPOCH, document, List.of(), null, PolicyParser.parse(document));
  }
}

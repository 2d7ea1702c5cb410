package org.glassplate.server.search;

import java.time.Instant;
import org.glassplate.server.core.Caller;

/**
 * A search was refused, and the refusal is audited (R-SRCH-2). For oversight and transparency
 * (refused searches by reason code).
 *
 * @param reasonCode e.g. {@code PROHIBITED_PURPOSE}, {@code MISSING_CASE_NUMBER}, {@code LEGAL_FLOOR}
 * @param offense the offense code when it is one of the policy's, else null
 * @param reasonCategory the prohibited category for {@code PROHIBITED_PURPOSE}, else null
 * @param onBehalfOfKind {@code FEDERAL}, {@code OUT_OF_STATE} or {@code PRIVATE} for a legal-floor refusal, else null
 */
public record SearchDenied(Caller caller, Instant at, String reasonCode, String offense, String reasonCategory,
    String onBehalfOfKind, String policySha256) {
}

package org.glassplate.server.policy;

import java.time.Instant;

/**
 * One step of a version's approval record, as published: who (a pseudonym, never a name), in
 * which capacity ({@code PROPOSER}, {@code APPROVER}, or {@code SYSTEM} for the initial default),
 * when, and a short public note.
 */
public record PolicyApproval(String by, String as, Instant at, String note) {
}

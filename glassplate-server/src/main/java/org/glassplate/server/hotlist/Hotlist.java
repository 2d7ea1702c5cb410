package org.glassplate.server.hotlist;

import java.time.Instant;

/**
 * A hot list (R-HOT-1): a name, where it comes from, who owns it.
 *
 * @param ownerPseudonym the owner's public pseudonym (never a name)
 * @param generation which extract is current (raised by each whole replacement)
 */
public record Hotlist(long id, String name, HotlistSource source, long ownerId, String ownerPseudonym,
    String description, boolean active, int generation, Instant createdAt) {
}

package org.glassplate.server.accounts;

/**
 * Details of a {@link org.glassplate.server.web.CallerAuthentication} that comes from a personal API
 * token: which one, so that a long-lived request opened with it (an alert stream) ends when it is
 * revoked.
 */
public record ApiTokenUse(long tokenId) {
}

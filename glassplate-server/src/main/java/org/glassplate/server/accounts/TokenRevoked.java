package org.glassplate.server.accounts;

/**
 * A personal API token was revoked (R-ACC-7; issue 12 item 4). Published with the revocation;
 * listeners act once it has committed: a live alert stream opened with the token closes.
 */
public record TokenRevoked(long tokenId, long accountId) {
}

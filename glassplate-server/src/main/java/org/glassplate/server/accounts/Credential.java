package org.glassplate.server.accounts;

/**
 * What a request was authenticated with, for a request that lives on (an alert stream) to be checked
 * again later (issue 12 item 4): the person, and the browser session or the personal API token.
 *
 * @param accountId the person
 * @param sessionId the signed-in browser session, or null
 * @param tokenId the personal API token, or null
 */
public record Credential(long accountId, String sessionId, Long tokenId) {

  @Override
  public String toString() {
    // a session id is a bearer secret of its own
    return "Credential[" + Account.pseudonym(accountId) + (sessionId != null ? ", session" : "")
        + (tokenId != null ? ", token " + tokenId : "") + "]";
  }
}

package org.glassplate.server.sharing;

import org.glassplate.server.core.RefusalCode;

/**
 * Why a partner agency's query is refused on the data owner's side (R-SHR-1 to R-SHR-3), beyond the
 * codes it shares with a local search ({@code LEGAL_FLOOR}, {@code PROHIBITED_PURPOSE}, {@code INVALID_FIELD},
 * {@code UNKNOWN_OFFENSE}, {@code WINDOW_PAST_RETENTION}).
 */
public enum SharingRefusal implements RefusalCode {
  SIGNATURE_REJECTED("the request's HTTP message signature (RFC 9421, Ed25519) or Content-Digest (RFC 9530) is"
      + " missing, invalid, expired, replayed or by an unknown key; the field names the failure, e.g. REPLAYED"),
  NO_AGREEMENT("no sharing agreement in force has this node answer the requesting agency's queries (R-SHR-1)"),
  AGREEMENT_EXPIRED("the sharing agreement with the requesting agency has expired"),
  OUTSIDE_SCOPE("the query reaches outside the agreement's scope; the field names what: cameras, from, offense"
      + " or reads");

  private final String meaning;

  SharingRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

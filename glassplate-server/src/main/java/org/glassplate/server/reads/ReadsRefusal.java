package org.glassplate.server.reads;

import org.glassplate.server.core.RefusalCode;

/** Why a batch of reads is refused as a whole (R-ING-*); single bad reads are listed in the answer instead. */
public enum ReadsRefusal implements RefusalCode {
  BATCH_TOO_LARGE("a batch holds more reads than the server takes at once"),
  BAD_CSV_HEADER("a reads CSV's header names an unknown or repeated column, or lacks a required one; `field` names it");

  private final String meaning;

  ReadsRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

package org.glassplate.server.reads;

import org.glassplate.server.core.RefusalCode;

/** Why a batch of reads is refused as a whole (R-ING-*); single bad reads are listed in the answer instead. */
public enum ReadsRefusal implements RefusalCode {
  BATCH_TOO_LARGE("a batch holds more reads than the server takes at once");

  private final String meaning;

  ReadsRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

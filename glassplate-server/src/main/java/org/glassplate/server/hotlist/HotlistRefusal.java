package org.glassplate.server.hotlist;

import org.glassplate.server.core.RefusalCode;

/** Why a hot-list or alert action is refused, beyond the codes it shares (R-HOT-*). */
public enum HotlistRefusal implements RefusalCode {
  EXPIRED("the hot-list entry has expired"),
  ALREADY_VERIFIED("the alert has already been verified"),
  IMPORT_RUNNING("a replacement of this hot list is already running"),
  IMPORT_NOT_RECEIVING("this import no longer takes parts"),
  STOPPING("the server is stopping; the alert stream cannot be opened");

  private final String meaning;

  HotlistRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

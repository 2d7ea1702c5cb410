package org.glassplate.server.hotlist;

import org.glassplate.server.core.RefusalCode;

/** Why a hot-list or alert action is refused, beyond the codes it shares (R-HOT-*). */
public enum HotlistRefusal implements RefusalCode {
  EXPIRED("the hot-list entry has expired"),
  ALREADY_VERIFIED("the alert has already been verified"),
  IMPORT_RUNNING("a replacement of this hot list is already running or waiting for approval"),
  IMPORT_NOT_RECEIVING("this import no longer takes parts"),
  STOPPING("the server is stopping; the alert stream cannot be opened"),
  FILLED_BY_IMPORT("a state or NCIC list is filled only by an import that a second person approves, never by hand"),
  NOT_THE_IMPORTER("only the person who started an import sends its parts and completes it");

  private final String meaning;

  HotlistRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

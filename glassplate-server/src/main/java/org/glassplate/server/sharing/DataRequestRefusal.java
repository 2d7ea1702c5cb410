package org.glassplate.server.sharing;

import org.glassplate.server.core.RefusalCode;

/** Why something about a written data request is refused, beyond the codes it shares (R-SHR-4). */
public enum DataRequestRefusal implements RefusalCode {
  NOT_APPROVED("only an approved data request is exported; this one is not (or no longer) approved"),
  TOO_MANY_READS("the request matches more reads than one export package holds; the requesting agency must narrow it");

  private final String meaning;

  DataRequestRefusal(String meaning) {
    this.meaning = meaning;
  }

  @Override
  public String meaning() {
    return meaning;
  }
}

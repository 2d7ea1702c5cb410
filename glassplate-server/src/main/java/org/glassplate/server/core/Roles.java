package org.glassplate.server.core;

/** The roles of R-ACC-1, plus the ingest-only camera role (R-ING-1). */
public final class Roles {
  public static final String OPERATOR = "OPERATOR";
  public static final String INVESTIGATOR = "INVESTIGATOR";
  public static final String SUPERVISOR = "SUPERVISOR";
  public static final String ADMINISTRATOR = "ADMINISTRATOR";
  public static final String AUDITOR = "AUDITOR";
  public static final String PARTNER = "PARTNER";
  public static final String CAMERA = "CAMERA";

  private Roles() {
  }
}

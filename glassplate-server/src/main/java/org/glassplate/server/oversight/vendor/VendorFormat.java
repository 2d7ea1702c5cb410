package org.glassplate.server.oversight.vendor;

import java.util.Arrays;
import java.util.Optional;

/** The vendor export schemas this import reads, by the name {@code --format} gives them. */
public enum VendorFormat {
  /** Flock's network audit: searches by any agency that reached the agency's network (13 or 14 columns, header or not). */
  FLOCK_NETWORK("flock-network"),
  /** Flock's organization audit: the agency's own users' searches (the network audit's columns). */
  FLOCK_ORG("flock-org"),
  /** The transparency portal's search-audit CSV; its columns vary by agency and are read by their names. */
  FLOCK_PORTAL_CSV("flock-portal-csv"),
  /** A transparency portal page saved as JSON: sharing lists, retention, cameras, and its search audit. */
  FLOCK_PORTAL_JSON("flock-portal-json"),
  /** The Okaloosa County extraction of an organization audit (Time_Frame_Start and Time_Frame_End apart). */
  OKALOOSA("okaloosa"),
  /** A list of the organisations an agency shares with (recognised by its header; never asked for). */
  SHARING_LIST("sharing-list");

  private final String id;

  VendorFormat(String id) {
    this.id = id;
  }

  /** The name on the command line and in report.json. */
  public String id() {
    return id;
  }

  /** A format by its name; "auto" is none. */
  public static Optional<VendorFormat> of(String id) {
    return Arrays.stream(values()).filter(f -> f.id.equals(id) && f != SHARING_LIST).findFirst();
  }
}

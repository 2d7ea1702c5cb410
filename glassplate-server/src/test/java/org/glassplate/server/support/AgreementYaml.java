package org.glassplate.server.support;

/**
 * Sharing agreements written into a policy document, for tests (R-SHR-1): one entry of
 * {@code sharing.agreements} with every field, and the document with it in place of the empty list.
 */
public final class AgreementYaml {
  /** RFC 8032's first test public key, base64 of its raw 32 bytes. */
  public static final String KEY = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=";

  private AgreementYaml() {
  }

  /** An entry for a California city police department, answering both ways, hits only, 7 days back. */
  public static String entry(String id) {
    return entry(id, "CA", "local");
  }

  public static String entry(String id, String state, String kind) {
    return "    - id: " + id + "\n"
        + "      name: Partner " + id + "\n"
        + "      state: " + state + "\n"
        + "      kind: " + kind + "\n"
        + "      url: https://" + id + ".example.gov\n"
        + "      publicKey: " + KEY + "\n"
        + "      direction: both\n"
        + "      scope:\n"
        + "        cameras: all\n"
        + "        reads: hits-only\n"
        + "        lookback: P7D\n"
        + "        offenses: [STOLEN_VEHICLE, HOMICIDE]\n"
        + "      starts: 2020-01-01\n"
        + "      expires: 2099-01-01\n"
        + "      reference: MOU " + id + "\n";
  }

  /** {@code doc} with these entries as its agreements (it must list none yet). */
  public static String with(String doc, String... entries) {
    if (!doc.contains("\n  agreements: []\n")) {
      throw new IllegalArgumentException("the document already lists agreements");
    }
    return doc.replace("\n  agreements: []\n", "\n  agreements:\n" + String.join("", entries));
  }
}

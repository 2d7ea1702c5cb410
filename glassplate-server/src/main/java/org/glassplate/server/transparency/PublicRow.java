package org.glassplate.server.transparency;

import java.util.List;

/**
 * The public columns of one audit log entry (issue 7), as {@code /transparency/audit.csv} writes
 * them: empty where the entry has no value, an array's items joined with {@code ;}. Private fields
 * are only in the entry's commitment and never here.
 *
 * @param index the entry's index in the log
 * @param inclusionProof where the entry's inclusion proof in the signed tree is
 */
public record PublicRow(long index, String time, String agency, String roles, String type, String outcome,
    String offense, String reasonCategory, String reasonCode, String caseNumberPresent, String resultCount,
    String camerasCovered, String onBehalfOf, String inclusionProof) {

  /** The values of the {@link TransparencyReport#PUBLIC_COLUMNS}, in that order. */
  public List<String> columns() {
    return List.of(time, agency, roles, type, outcome, offense, reasonCategory, reasonCode, caseNumberPresent,
        resultCount, camerasCovered, onBehalfOf);
  }
}

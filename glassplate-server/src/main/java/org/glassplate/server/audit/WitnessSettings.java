package org.glassplate.server.audit;

import java.util.List;
import org.glassplate.log.note.NoteVerifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of this node as a witness of other logs (issue 15, R-AUD-5; {@code glassplate.witness.*}).
 *
 * @param logs the verifier keys (C2SP note vkeys, type 0x01) of the logs this node witnesses at
 *     {@code POST /api/v1/witness/add-checkpoint}, besides the logs of the partners whose agreements
 *     in force name their log key ({@link AgreementWitnessing}); empty: only those.
 * @param name the name of this node's witness key when it is made; null for
 *     {@code <origin host>/glassplate/<agency id>/witness}
 */
@ConfigurationProperties("glassplate.witness")
record WitnessSettings(@DefaultValue List<String> logs, String name) {
  WitnessSettings {
    logs = List.copyOf(logs);
    for (String k : logs) {
      new NoteVerifier(k); // a malformed key fails the start, naming the problem
    }
  }
}

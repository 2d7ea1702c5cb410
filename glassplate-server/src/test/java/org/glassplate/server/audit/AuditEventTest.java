package org.glassplate.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.glassplate.server.core.Caller;
import org.junit.jupiter.api.Test;

/** What a command run on the server's machine records of who ran it. */
class AuditEventTest {

  @Test
  void theMachinesOperatorIsRecordedPrivatelyWithThePersonBehindSudo() {
    AuditEvent viaSudo = AuditEvent.of(AuditTypes.BACKUP_TAKEN, Caller.system())
        .operatorOfThisMachine("glassplate", "alice").build();
    assertThat(viaSudo.privateFields()).containsEntry("systemUser", "glassplate").containsEntry("sudoUser", "alice");
    assertThat(viaSudo.publicFields()).as("never public: a person's account name")
        .doesNotContainKeys("systemUser", "sudoUser");

    AuditEvent direct = AuditEvent.of(AuditTypes.BACKUP_TAKEN, Caller.system())
        .operatorOfThisMachine("glassplate", " ").build();
    assertThat(direct.privateFields()).containsEntry("systemUser", "glassplate").doesNotContainKey("sudoUser");

    AuditEvent here = AuditEvent.of(AuditTypes.LOG_KEY_ROTATED, Caller.system()).operatorOfThisMachine().build();
    assertThat(here.privateFields()).containsEntry("systemUser", System.getProperty("user.name"));
  }
}

package org.glassplate.server;

import java.io.PrintStream;

/** {@code glassplate audit verify …}: the outside verifier, which uses glassplate-log only. */
final class AuditCommand {

  private AuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    err.println("glassplate: 'audit verify' is not available in this build yet");
    return 2;
  }
}

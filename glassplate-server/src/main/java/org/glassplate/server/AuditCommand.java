package org.glassplate.server;

import java.io.PrintStream;
import org.glassplate.log.verify.VerifyCommand;

/**
 * {@code glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE]
 * [--pin-file FILE]}: the outside verifier. It uses glassplate-log only (no Spring, no database),
 * exactly what an outside auditor runs.
 */
final class AuditCommand {

  private AuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("verify")) {
      err.println("usage: glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE] [--pin-file FILE]");
      return 2;
    }
    return VerifyCommand.run(args, out, err);
  }
}

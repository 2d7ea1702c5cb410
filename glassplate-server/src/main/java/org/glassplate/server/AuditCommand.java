package org.glassplate.server;

import java.io.PrintStream;
import org.glassplate.log.verify.ExportVerifyCommand;
import org.glassplate.log.verify.VerifyCommand;

/**
 * {@code glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE]
 * [--pin-file FILE]}: the outside verifier. It uses glassplate-log only (no Spring, no database),
 * exactly what an outside auditor runs. {@code glassplate audit verify-export PACKAGE.zip --key KEY} checks
 * the export package of a written data request the same way.
 */
final class AuditCommand {

  private AuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("verify-export")) {
      return ExportVerifyCommand.run(args, out, err);
    }
    if (args.length == 0 || !args[0].equals("verify")) {
      err.println("usage: glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE] [--pin-file FILE]");
      err.println("       glassplate audit verify-export PACKAGE.zip (--key VERIFIER_KEY | --key-file FILE)");
      return 2;
    }
    return VerifyCommand.run(args, out, err);
  }
}

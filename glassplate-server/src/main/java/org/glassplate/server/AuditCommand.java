package org.glassplate.server;

import java.io.PrintStream;
import org.glassplate.log.verify.ExportVerifyCommand;
import org.glassplate.log.verify.VerifyCommand;

/**
 * {@code glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE]
 * [--pin-file FILE]}: the outside verifier. It uses glassplate-log only (no Spring, no database),
 * exactly what an outside auditor runs. {@code glassplate audit verify-export PACKAGE.zip --key KEY} checks
 * the export package of a written data request the same way. {@code glassplate audit rotate-key} moves the log
 * to a new key ({@link RotateKeyCommand}).
 */
final class AuditCommand {

  private AuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length > 0 && args[0].equals("rotate-key")) {
      return RotateKeyCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err,
          java.time.Clock.systemUTC());
    }
    if (args.length > 0 && args[0].equals("verify-export")) {
      return ExportVerifyCommand.run(args, out, err);
    }
    if (args.length == 0 || !args[0].equals("verify")) {
      err.println("usage: glassplate audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE] [--pin-file FILE]");
      err.println("       glassplate audit verify-export PACKAGE.zip (--key VERIFIER_KEY | --key-file FILE)");
      err.println("       glassplate audit rotate-key [--data DIR | --db-url URL ...] [--origin ORIGIN] [--keep-old-key FILE]");
      return 2;
    }
    return VerifyCommand.run(args, out, err);
  }
}

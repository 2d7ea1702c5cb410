package org.glassplate.log.verify;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code glassplate audit verify-export PACKAGE.zip (--key VERIFIER_KEY | --key-file FILE)}: runs
 * {@link ExportVerifier} on the export package of a written data request.
 *
 * <p>Exit 0 with {@code OK request=ID size=N entries=I,J,… export=K reads-sha256=HEX}; exit 1 with
 * {@code FAIL: why}; exit 2 for a usage error. The leading words {@code audit verify-export} (or
 * {@code verify-export}) are optional.
 */
public final class ExportVerifyCommand {
  static final String USAGE = """
      usage: glassplate audit verify-export PACKAGE.zip (--key VERIFIER_KEY | --key-file FILE)
        PACKAGE.zip      the export package of a written data request
        --key KEY        the log's verifier key (C2SP signed-note), obtained apart from the package
        --key-file FILE  the same, read from a file""";

  private ExportVerifyCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = VerifyCommand.withoutLeading(args, "verify-export");
    Path pkg = null;
    String key = null;
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      switch (arg) {
        case "-h", "--help" -> {
          out.println(USAGE);
          return 0;
        }
        case "--key", "--key-file" -> {
          if (i + 1 >= a.size()) {
            return usage(err, arg + " needs a value");
          }
          String value = a.get(++i);
          if (arg.equals("--key")) {
            key = value;
          } else {
            try {
              key = Files.readString(Path.of(value), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
              return usage(err, "cannot read the key file " + value + ": " + e.getMessage());
            }
          }
        }
        default -> {
          if (arg.startsWith("-")) {
            return usage(err, "unknown option " + arg);
          }
          if (pkg != null) {
            return usage(err, "one PACKAGE.zip only");
          }
          pkg = Path.of(arg);
        }
      }
    }
    if (pkg == null || key == null) {
      return usage(err, pkg == null ? "missing PACKAGE.zip" : "missing --key or --key-file");
    }
    byte[] zip;
    try {
      if (Files.size(pkg) > ExportVerifier.MAX_PACKAGE_BYTES) {
        out.println("FAIL: the package is larger than " + ExportVerifier.MAX_PACKAGE_BYTES + " bytes");
        return 1;
      }
      zip = Files.readAllBytes(pkg);
    } catch (IOException e) {
      return usage(err, "cannot read " + pkg + ": " + e.getMessage());
    }
    try {
      ExportVerifier.VerifiedExport v = ExportVerifier.verify(zip, key);
      out.println("OK request=" + v.requestId() + " size=" + v.checkpoint().size() + " entries="
          + String.join(",", v.entries().stream().map(String::valueOf).toList()) + " export=" + v.exportIndex()
          + " reads-sha256=" + v.readsSha256());
      return 0;
    } catch (ExportVerificationException e) {
      out.println("FAIL: " + e.getMessage());
      return 1;
    }
  }

  private static int usage(PrintStream err, String why) {
    err.println(why);
    err.println(USAGE);
    return 2;
  }
}

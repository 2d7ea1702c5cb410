package org.glassplate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.glassplate.server.oversight.vendor.SourceReport;
import org.glassplate.server.oversight.vendor.VendorAudit;
import org.glassplate.server.oversight.vendor.VendorFormat;
import org.glassplate.server.oversight.vendor.VendorReportFiles;

/**
 * {@code glassplate import vendor-audit PATH... [--format auto|flock-network|flock-org|flock-portal-csv|
 * flock-portal-json|okaloosa] [--agency-state ST] [--report DIR] [--retention-days N] [--own-networks N]
 * [--own-devices N]} (R-GOV-5, DESIGN.md "The fixed contract"): reads a vendor's audit exports, portal
 * pages and sharing lists (files or folders), runs the misuse rules and writes {@code report.html},
 * {@code findings.csv} and {@code report.json} into DIR (default {@code vendor-audit-report}). Needs no
 * database. Exit 0 when the report is written, 1 when a file cannot be read, 2 on a usage error.
 */
final class VendorAuditCommand {
  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  static final String USAGE_LINE = "usage: glassplate import vendor-audit PATH... [--format auto|flock-network|"
      + "flock-org|flock-portal-csv|flock-portal-json|okaloosa] [--agency-state ST] [--report DIR] "
      + "[--retention-days N] [--own-networks N] [--own-devices N]";
  private static final long PROGRESS_FROM_BYTES = 1 << 20;

  private VendorAuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    List<Path> paths = new ArrayList<>();
    Map<String, String> opts = new java.util.LinkedHashMap<>();
    List<String> known = List.of("--format", "--agency-state", "--report", "--retention-days", "--own-networks",
        "--own-devices");
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
        if (!known.contains(name)) {
          return usage(err, "unknown option '" + name + "'");
        }
        if (a.contains("=")) {
          opts.put(name, a.substring(a.indexOf('=') + 1));
        } else if (i + 1 < args.length) {
          opts.put(name, args[++i]);
        } else {
          return usage(err, "option " + name + " needs a value");
        }
      } else {
        paths.add(Path.of(a));
      }
    }
    if (paths.isEmpty()) {
      return usage(err, "name at least one file or folder to import");
    }
    VendorAudit.Options options;
    try {
      String f = opts.getOrDefault("--format", "auto").toLowerCase(Locale.ROOT);
      VendorFormat format = f.equals("auto") ? null : VendorFormat.of(f)
          .orElseThrow(() -> new IllegalArgumentException("--format: '" + f + "' is not one of auto, flock-network, "
              + "flock-org, flock-portal-csv, flock-portal-json, okaloosa"));
      options = new VendorAudit.Options(format, opts.get("--agency-state"),
          opts.containsKey("--retention-days") ? Duration.ofDays(number(opts, "--retention-days")) : null,
          opts.containsKey("--own-networks") ? number(opts, "--own-networks") : 1,
          opts.containsKey("--own-devices") ? number(opts, "--own-devices") : null);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    Path dir = Path.of(opts.getOrDefault("--report", "vendor-audit-report")).toAbsolutePath().normalize();
    List<Path> files;
    try {
      files = VendorAudit.files(paths);
    } catch (NoSuchFileException e) {
      return usage(err, "no such file or folder: " + e.getMessage());
    } catch (IOException e) {
      err.println("glassplate: cannot list the files to import: " + e.getClass().getSimpleName());
      return FAILED;
    }
    if (files.isEmpty()) {
      return usage(err, "the folders named hold no files");
    }
    boolean[] shown = {false};
    VendorAudit.Progress progress = (file, read, total, rows, badRows, done) -> {
      if (total < PROGRESS_FROM_BYTES) {
        return;
      }
      if (!done || shown[0]) {
        err.printf(Locale.ROOT, "\r%s: %3d%% (%,d rows)%s", file, total <= 0 ? 0 : Math.min(100, read * 100 / total),
            rows, done ? System.lineSeparator() : "");
        shown[0] = !done;
      }
    };
    List<SourceReport> sources = List.of();
    try {
      sources = VendorAudit.withDefaultPolicy().read(files, options, null, progress);
      VendorReportFiles.write(sources, dir, clock);
      for (SourceReport s : sources) {
        out.printf(Locale.ROOT, "%s: %s, %d rows, %d searches marked, %d bad rows%s%n", s.file(), s.format().id(),
            s.rows(), s.flaggedCount(), s.badRowCount(), s.sharing() == null ? ""
                : ", " + s.sharing().recipients() + " sharing recipients");
      }
      for (SourceReport s : sources) {
        if (s.sharing() != null && s.state() == null) {
          err.println("glassplate: " + s.file() + ": the agency's state is not known, so its recipients cannot be "
              + "placed in or out of it: give --agency-state");
        }
      }
      out.println("report: " + dir.resolve("report.html"));
      return OK;
    } catch (IOException | RuntimeException e) {
      // the message may quote a file's content: name only what failed
      err.println("glassplate: the vendor audit import failed: " + e.getClass().getSimpleName());
      return FAILED;
    } finally {
      sources.forEach(SourceReport::close);
    }
  }

  private static long number(Map<String, String> opts, String name) {
    try {
      long n = Long.parseLong(opts.get(name).strip());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": a whole number of at least 1");
    }
  }

  private static int usage(PrintStream err, String problem) {
    err.println("glassplate: " + problem);
    err.println(USAGE_LINE);
    return USAGE;
  }
}

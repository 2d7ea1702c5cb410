package org.glassplate.bench.vendor;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.glassplate.server.oversight.vendor.SourceReport;
import org.glassplate.server.oversight.vendor.VendorAudit;
import org.glassplate.server.oversight.vendor.VendorReportFiles;

/**
 * {@code bench vendor-audit [--rows 1000000] [--file F] [--keep]}: writes a Flock network audit export of
 * that many rows (14 columns, a header, a Time Frame cell on two lines in every tenth row, redacted plates
 * in every fifth, one broken row in a thousand), times a plain line count of the file as the baseline,
 * then the import with the rules and the three report files, sampling the heap after a collection while
 * it runs to show that memory stays flat (R-GOV-5, issue 17).
 */
public final class VendorAuditLoad {
  private static final DateTimeFormatter FLOCK = DateTimeFormatter.ofPattern("MM/dd/yyyy, hh:mm:ss a 'UTC'",
      Locale.US).withZone(ZoneOffset.UTC);
  private static final String[] REASONS = {"investigation", "stolen vehicle", "warrant", "", "inv", "bolo",
      "Daytime search for best result", "burglary 25-1234", "assist FBI", "welfare check", "training"};
  private static final String[] ORGS = {"Okaloosa County FL SO", "Walton County FL SO", "Cobb County GA PD",
      "Mobile AL PD", "[Federal] US Marshals Service", "Fort Walton Beach FL PD"};

  private VendorAuditLoad() {
  }

  public static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    long rows = 1_000_000;
    Path file = null;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--file" -> file = Path.of(args[++i]);
        case "--keep" -> keep = true;
        default -> {
          err.println("usage: glassplate bench vendor-audit [--rows 1000000] [--file F] [--keep]");
          return 2;
        }
      }
    }
    Path dir = Files.createTempDirectory("glassplate-vendor-bench");
    Path csv = file != null ? file : dir.resolve("network-audit.csv");
    if (file == null || !Files.exists(file)) {
      long t0 = System.nanoTime();
      generate(csv, rows);
      out.printf(Locale.ROOT, "generated %,d rows, %,d bytes in %.1f s%n", rows, Files.size(csv),
          (System.nanoTime() - t0) / 1e9);
    }
    // baseline: read every line of the same file, nothing else
    java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long c1 = threads.getCurrentThreadCpuTime();
    long t1 = System.nanoTime();
    long lines = 0;
    try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      while (r.readLine() != null) {
        lines++;
      }
    }
    double baseline = (System.nanoTime() - t1) / 1e9;
    double baselineCpu = (threads.getCurrentThreadCpuTime() - c1) / 1e9;
    out.printf(Locale.ROOT, "baseline: line count %,d lines in %.2f s (CPU %.2f s)%n", lines, baseline, baselineCpu);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long[] peakAfterGc = {0};
    long[] samples = {0};
    VendorAudit.Progress progress = (name, read, total, n, bad, done) -> {
      System.gc(); // a sample of what the import holds, not of garbage not yet collected
      long used = memory.getHeapMemoryUsage().getUsed();
      peakAfterGc[0] = Math.max(peakAfterGc[0], used);
      samples[0]++;
      out.printf(Locale.ROOT, "  %3d%% %,d rows, heap after GC %,d MiB%n", total <= 0 ? 0 : read * 100 / total, n,
          used >> 20);
    };
    long c2 = threads.getCurrentThreadCpuTime();
    long t2 = System.nanoTime();
    List<SourceReport> sources = VendorAudit.withDefaultPolicy().read(List.of(csv), VendorAudit.Options.defaults(),
        null, progress);
    double imported = (System.nanoTime() - t2) / 1e9;
    long t3 = System.nanoTime();
    Path report = dir.resolve("report");
    VendorReportFiles.write(sources, report, Clock.systemUTC());
    double written = (System.nanoTime() - t3) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - c2) / 1e9;
    SourceReport s = sources.get(0);
    out.printf(Locale.ROOT, "import: %,d rows (%,d searches, %,d bad, %,d flagged) in %.2f s; report files in %.2f s;"
        + " total %.2f s = %.1f x the line count%n", s.rows(), s.searches(), s.badRowCount(), s.flaggedCount(),
        imported, written, imported + written, (imported + written) / baseline);
    out.printf(Locale.ROOT, "CPU of the importing thread %.2f s (the line count's %.2f s); load average %.1f%n", cpu,
        baselineCpu, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    out.printf(Locale.ROOT, "heap after GC, highest of %d samples: %,d MiB (max heap %,d MiB); report.json %,d bytes%n",
        samples[0], peakAfterGc[0] >> 20, Runtime.getRuntime().maxMemory() >> 20,
        Files.size(report.resolve("report.json")));
    sources.forEach(SourceReport::close);
    if (!keep) {
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } else {
      out.println("kept " + dir);
    }
    return 0;
  }

  static void generate(Path csv, long rows) throws IOException {
    Random random = new Random(17);
    Instant start = Instant.parse("2025-11-01T00:00:00Z");
    try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
      w.write("\uFEFFID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,"
          + "Reason,Case #,Filters,Search Time,Search Type,Text Prompt,Moderation\n");
      for (long i = 0; i < rows; i++) {
        if (i % 1000 == 999) {
          w.write("broken-" + i + ",short row\n");
          continue;
        }
        Instant time = start.plusSeconds(i * 3);
        Instant from = time.minusSeconds(3600L * (1 + random.nextInt(24 * 60)));
        int networks = random.nextInt(10) < 6 ? 1 : 1 + random.nextInt(7000);
        String frame = FLOCK.format(from) + (i % 10 == 0 ? " -\n" : " - ") + FLOCK.format(time);
        String plate = i % 5 == 0 ? "***" : "P" + (random.nextInt(90000) + 10000);
        w.write(String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x,user-%d,%s,%d,%d,\"%s\",%s,%s,%s,,\"%s\",%s,,%s\n",
            i, i, random.nextInt(400), ORGS[random.nextInt(ORGS.length)], networks, networks * 20 + random.nextInt(50),
            frame, plate, REASONS[random.nextInt(REASONS.length)], random.nextInt(4) == 0 ? "n/a" : "25-" + i,
            FLOCK.format(time), random.nextBoolean() ? "lookup" : "search",
            random.nextInt(500) == 0 ? "block" : ""));
      }
    }
  }
}

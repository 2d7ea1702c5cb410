package org.glassplate.server.oversight.vendor;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glassplate.server.oversight.rules.Reasons;
import org.glassplate.server.policy.EffectivePolicy;
import org.glassplate.server.policy.PolicyContent;
import org.glassplate.server.policy.PolicyRecords;
import org.glassplate.server.policy.PurposeScreen;

/**
 * Imports a vendor's audit exports, portal pages and sharing lists (R-GOV-5): each file read as a
 * stream, every search judged by the misuse rules ({@link VendorRules}) with the thresholds and purpose
 * screen of a policy document (Glassplate's default one unless another is given), the sharing
 * recipients classified, and the figures gathered for {@link VendorReportFiles}. Needs no database.
 */
public final class VendorAudit {
  /** The retention a lookback is judged against when neither the user nor a portal page states one. */
  public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
  static final String DEFAULT_POLICY = "policy/default-california-city.yaml";

  /**
   * What the import is told.
   *
   * @param format the format of every file, or null to detect each one
   * @param agencyState the agency's two-letter state, or null to read it from the files
   * @param retention the agency's retention, or null for what a portal page states, else 30 days
   * @param ownNetworks how many networks are the agency's own (a search over more is broad)
   * @param ownDevices the agency's own cameras, or null for what a portal page states
   */
  public record Options(VendorFormat format, String agencyState, Duration retention, long ownNetworks,
      Long ownDevices) {
    public Options {
      if (agencyState != null) {
        agencyState = UsStates.code(agencyState)
            .orElseThrow(() -> new IllegalArgumentException("--agency-state: not a US state's code"));
      }
      if (retention != null && (retention.isNegative() || retention.isZero())) {
        throw new IllegalArgumentException("--retention-days: must be at least 1");
      }
      if (ownNetworks < 1) {
        throw new IllegalArgumentException("--own-networks: must be at least 1");
      }
    }

    public static Options defaults() {
      return new Options(null, null, null, 1, null);
    }
  }

  /** Told of every search and the rules it breaks, in file order. */
  public interface RowListener {
    void row(VendorSearch search, List<String> rules);
  }

  /**
   * Told how far reading a file has come, at most about once a second and at its end: {@code rows} counts the data
   * rows read so far, bad ones included, {@code badRows} the bad ones alone.
   */
  public interface Progress {
    void update(String file, long bytesRead, long bytesTotal, long rows, long badRows, boolean done);

    Progress NONE = (f, r, t, n, b, d) -> { };
  }

  private final PolicyContent.Oversight thresholds;
  private final Reasons reasons;

  public VendorAudit(PolicyContent policy) {
    this.thresholds = policy.oversight();
    EffectivePolicy effective = new EffectivePolicy(0, PolicyRecords.sha256(""), Instant.EPOCH, "", List.of(), null,
        policy);
    this.reasons = new Reasons(thresholds, PurposeScreen.of(effective));
  }

  /** An import judging by Glassplate's default policy document (its oversight thresholds and purpose screen). */
  public static VendorAudit withDefaultPolicy() {
    try (InputStream in = VendorAudit.class.getClassLoader().getResourceAsStream(DEFAULT_POLICY)) {
      if (in == null) {
        throw new IllegalStateException("the default policy document is missing from the jar");
      }
      String doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new VendorAudit(PolicyRecords.read(doc)
          .orElseThrow(() -> new IllegalStateException("the default policy document cannot be read")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  VendorRules rules(VendorRules.Settings settings) {
    return new VendorRules(reasons, thresholds, settings);
  }

  /** The files named, folders read for their files (sorted by path, hidden files skipped). */
  public static List<Path> files(List<Path> paths) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith("."))
              .filter(f -> !f.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".md"))
              .sorted().forEach(out::add);
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new java.nio.file.NoSuchFileException(p.toString());
      }
    }
    return out;
  }

  /** Reads files (see {@link #files}), each its own source; the caller closes the reports. */
  public List<SourceReport> read(List<Path> files, Options options, RowListener listener, Progress progress)
      throws IOException {
    List<SourceReport> out = new ArrayList<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        out.add(readOne(f.getFileName().toString(), in, Files.size(f), options, listener, progress));
      }
    }
    finish(out);
    return out;
  }

  /** Reads one uploaded or opened stream as a source; the caller closes the report. */
  public SourceReport read(String name, InputStream in, long size, Options options, RowListener listener,
      Progress progress) throws IOException {
    SourceReport r = readOne(name, in, size, options, listener, progress);
    finish(List.of(r));
    return r;
  }

  private SourceReport readOne(String name, InputStream in, long size, Options options, RowListener listener,
      Progress progress) throws IOException {
    SourceReport report = new SourceReport(name, options, this, listener);
    try {
      Counting counting = new Counting(in, name, size, progress, report);
      new ExportReader(options.format(), report).read(counting);
      progress.update(name, counting.read, size, report.rows(), report.badRowCount(), true);
      return report;
    } catch (IOException | RuntimeException e) {
      report.close();
      throw e;
    }
  }

  /**
   * Ends reading. A sharing list's state is never borrowed from another file of the same run (a folder
   * may hold two agencies' files): without --agency-state or an agency name, its recipients with a state
   * are unknown.
   */
  private static void finish(List<SourceReport> sources) {
    sources.forEach(SourceReport::finish);
  }

  /** Counts the bytes read, for the progress line. */
  private static final class Counting extends FilterInputStream {
    private final String name;
    private final long size;
    private final Progress progress;
    private final SourceReport report;
    private long read;
    private long lastReport = System.nanoTime();

    Counting(InputStream in, String name, long size, Progress progress, SourceReport report) {
      super(in);
      this.name = name;
      this.size = size;
      this.progress = progress;
      this.report = report;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) {
      read += n;
      long now = System.nanoTime();
      if (now - lastReport > 1_000_000_000L) { // a progress line once a second is elapsed time, not the domain's clock
        lastReport = now;
        progress.update(name, read, size, report.searches() + report.badRowCount(), report.badRowCount(), false);
      }
    }
  }
}

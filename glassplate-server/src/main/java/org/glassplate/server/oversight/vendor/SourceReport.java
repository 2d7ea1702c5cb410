package org.glassplate.server.oversight.vendor;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one imported file holds, as the report shows it: its rows, its bad rows, the rules its searches
 * break and the flagged rows, the sharing recipients classified, and the figures a council member reads
 * (searches by organization and by month, the widest and longest searches, the worst examples). Bad
 * and flagged rows are kept in temporary files, so a file of a million rows takes no more memory than
 * one of ten; {@link #close} removes them.
 */
public final class SourceReport implements ExportReader.Sink, AutoCloseable {
  /** Organizations counted by name; past this many, the rest are counted together. */
  static final int MAX_ORGS = 2000;
  static final int MAX_RECIPIENTS = 100_000;
  static final int MAX_USERS = 100_000;
  static final int WORST = 15;

  /** A bad row. */
  public record BadRow(long line, String message) {
  }

  /** A flagged row. */
  public record Flagged(long row, String id, List<String> rules) {
  }

  /** One of the worst searches, as the report shows it. */
  public record Example(long row, String id, String org, String month, List<String> rules, String reason,
      Long lookbackDays, Long networks, Long devices, int score) {
  }

  /** The sharing list classified. */
  public record SharingSummary(int recipients, int inState, List<String> outOfState, List<String> federal,
      List<String> privateEntities, List<String> unknown) {
  }

  private final String file;
  private final VendorAudit.Options options;
  private final VendorAudit audit;
  private final VendorAudit.RowListener listener;
  private VendorFormat format;
  private String agency;
  private String state;
  private Duration statedRetention;
  private Long statedCameras;
  private VendorRules rules;
  private long rows;
  private long searches;
  private long badRowCount;
  private long flaggedCount;
  private final Path spill;
  private final BufferedWriter badOut;
  private final BufferedWriter flaggedOut;
  private final TreeMap<String, Long> findings = new TreeMap<>();
  private final Set<String> users = new HashSet<>();
  private long maxNetworks;
  private long maxDevices;
  private long multiNetwork;
  private Duration longestLookback;
  private Instant first;
  private Instant last;
  private final TreeMap<String, Long> moderation = new TreeMap<>();
  private final Map<String, long[]> byOrg = new LinkedHashMap<>();
  private final TreeMap<YearMonth, long[]> byMonth = new TreeMap<>();
  private final PriorityQueue<Example> worst = new PriorityQueue<>(Comparator.comparingInt(Example::score)
      .thenComparing(Comparator.comparingLong(Example::row).reversed()));
  private final List<ExportReader.Recipient> recipients = new ArrayList<>();
  private boolean recipientsCut;
  private SharingSummary sharing;

  SourceReport(String file, VendorAudit.Options options, VendorAudit audit, VendorAudit.RowListener listener) {
    this.file = file;
    this.options = options;
    this.audit = audit;
    this.listener = listener;
    try {
      this.spill = Files.createTempDirectory("glassplate-vendor-audit");
      this.badOut = Files.newBufferedWriter(spill.resolve("bad"), StandardCharsets.UTF_8);
      this.flaggedOut = Files.newBufferedWriter(spill.resolve("flagged"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- reading ----------------------------------------------------------------------------------------

  @Override
  public void format(VendorFormat f) {
    this.format = f;
  }

  @Override
  public void portal(String agencyName, String agencyState, Integer retentionDays, Long cameras) {
    if (agencyName != null && agency == null) {
      agency = agencyName;
    }
    if (agencyState != null && state == null) {
      state = UsStates.code(agencyState).orElse(null);
    }
    if (retentionDays != null) {
      statedRetention = Duration.ofDays(retentionDays);
    }
    if (cameras != null) {
      statedCameras = cameras;
    }
  }

  @Override
  public void search(VendorSearch s) {
    searches++;
    if (rules == null) {
      startRules(s);
    }
    List<String> broken = rules.examine(s);
    if (listener != null) {
      listener.row(s, broken);
    }
    if (s.user() != null && users.size() < MAX_USERS) {
      users.add(s.user());
    }
    if (s.networks() != null) {
      maxNetworks = Math.max(maxNetworks, s.networks());
      multiNetwork += s.networks() > 1 ? 1 : 0;
    }
    if (s.devices() != null) {
      maxDevices = Math.max(maxDevices, s.devices());
    }
    Duration lookback = s.lookback();
    if (lookback != null && (longestLookback == null || lookback.compareTo(longestLookback) > 0)) {
      longestLookback = lookback;
    }
    if (s.time() != null) {
      first = first == null || s.time().isBefore(first) ? s.time() : first;
      last = last == null || s.time().isAfter(last) ? s.time() : last;
      long[] m = byMonth.computeIfAbsent(YearMonth.from(s.time().atOffset(ZoneOffset.UTC)), k -> new long[2]);
      m[0]++;
      m[1] += broken.isEmpty() ? 0 : 1;
    }
    if (s.moderation() != null) {
      moderation.merge(s.moderation().strip().toLowerCase(Locale.ROOT), 1L, Long::sum);
    }
    String org = s.org() == null ? "(not given)" : s.org();
    long[] o = byOrg.get(org);
    if (o == null) {
      if (byOrg.size() < MAX_ORGS) {
        o = new long[2];
        byOrg.put(org, o);
      } else {
        o = byOrg.computeIfAbsent("(other organizations)", k -> new long[2]);
      }
    }
    o[0]++;
    o[1] += broken.isEmpty() ? 0 : 1;
    if (!broken.isEmpty()) {
      flaggedCount++;
      for (String r : broken) {
        findings.merge(r, 1L, Long::sum);
      }
      write(flaggedOut, s.row() + "\t" + clean(s.id()) + "\t" + String.join(",", broken));
      keepIfWorst(s, broken);
    }
  }

  private void startRules(VendorSearch s) {
    if (state == null && options.agencyState() != null) {
      state = options.agencyState();
    }
    if ((format == VendorFormat.OKALOOSA || format == VendorFormat.FLOCK_ORG) && s.org() != null) {
      agency = agency == null ? s.org() : agency; // an organization audit is the agency's own users' searches
      if (state == null) {
        state = UsStates.in(s.org()).orElse(null);
      }
    }
    Duration retention = options.retention() != null ? options.retention()
        : statedRetention != null ? statedRetention : VendorAudit.DEFAULT_RETENTION;
    Long ownDevices = options.ownDevices() != null ? options.ownDevices() : statedCameras;
    rules = audit.rules(new VendorRules.Settings(retention, state, options.ownNetworks(), ownDevices));
  }

  @Override
  public void end(long dataRows) {
    rows = dataRows;
  }

  @Override
  public void badRow(long line, String message) {
    badRowCount++;
    write(badOut, line + "\t" + clean(message));
  }

  @Override
  public void recipient(ExportReader.Recipient r) {
    if (recipients.size() < MAX_RECIPIENTS) {
      recipients.add(r);
    } else {
      recipientsCut = true;
    }
  }

  private void keepIfWorst(VendorSearch s, List<String> broken) {
    Long lookbackDays = s.lookback() == null ? null : s.lookback().toDays();
    int score = 0;
    for (String r : broken) {
      score += switch (r) {
        case "PROHIBITED_PURPOSE" -> 1000;
        case "FEDERAL_OR_OUT_OF_STATE" -> 500;
        case "MODERATION_FLAGGED" -> 300;
        case "REPEATED_PLATE" -> 200;
        case "LOOKBACK_PAST_RETENTION" -> 100 + (int) Math.min(500, lookbackDays == null ? 0 : lookbackDays);
        case "BROAD_SEARCH" -> 20 + (int) Math.min(300, s.networks() == null ? 0 : s.networks() / 20);
        default -> 50;
      };
    }
    String reason = s.reason() == null ? null : s.reason().length() > 80 ? s.reason().substring(0, 80) + "…" : s.reason();
    Example e = new Example(s.row(), s.id(), s.org(), s.time() == null ? null
        : YearMonth.from(s.time().atOffset(ZoneOffset.UTC)).toString(), broken, reason, lookbackDays, s.networks(),
        s.devices(), score);
    worst.add(e);
    if (worst.size() > WORST) {
      worst.poll();
    }
  }

  /** Ends reading: classifies the sharing list against the agency's state, given or found. */
  void finish() {
    try {
      badOut.close();
      flaggedOut.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (state == null) {
      state = options.agencyState() != null ? options.agencyState()
          : agency != null ? UsStates.in(agency).orElse(null) : null;
    }
    if (format == null) {
      format = VendorFormat.FLOCK_NETWORK;
    }
    if (recipients.isEmpty() && format != VendorFormat.SHARING_LIST && format != VendorFormat.FLOCK_PORTAL_JSON) {
      return;
    }
    Map<Sharing.Kind, List<String>> kinds = new EnumMap<>(Sharing.Kind.class);
    for (Sharing.Kind k : Sharing.Kind.values()) {
      kinds.put(k, new ArrayList<>());
    }
    int count = 0;
    for (ExportReader.Recipient r : recipients) {
      if (r.self() || agency != null && r.name().equalsIgnoreCase(agency)) {
        continue; // the agency's own network is on its list, but it shares nothing with itself
      }
      count++;
      kinds.get(Sharing.classify(r.name(), r.state(), r.type(), state)).add(r.name());
    }
    sharing = new SharingSummary(count, kinds.get(Sharing.Kind.IN_STATE).size(), kinds.get(Sharing.Kind.OUT_OF_STATE),
        kinds.get(Sharing.Kind.FEDERAL), kinds.get(Sharing.Kind.PRIVATE), kinds.get(Sharing.Kind.UNKNOWN));
  }

  private static String clean(String s) {
    return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static void write(BufferedWriter w, String line) {
    try {
      w.write(line);
      w.newLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      badOut.close();
      flaggedOut.close();
      Files.deleteIfExists(spill.resolve("bad"));
      Files.deleteIfExists(spill.resolve("flagged"));
      Files.deleteIfExists(spill);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- what it found ------------------------------------------------------------------------------------

  public String file() {
    return file;
  }

  public VendorFormat format() {
    return format;
  }

  public String agency() {
    return agency;
  }

  /** The agency's state (two letters), given, stated, or read from its name; null when nothing says. */
  public String state() {
    return state;
  }

  /** Data rows, bad ones included, counted from 1 in file order. */
  public long rows() {
    return rows;
  }

  public long searches() {
    return searches;
  }

  public long badRowCount() {
    return badRowCount;
  }

  public long flaggedCount() {
    return flaggedCount;
  }

  /** Searches breaking each rule, by rule id. */
  public Map<String, Long> findings() {
    return Collections.unmodifiableMap(findings);
  }

  /** The retention the lookback rule used. */
  public Duration retention() {
    return rules == null ? null : rules.settings().retention();
  }

  public int distinctUsers() {
    return users.size();
  }

  public long maxNetworks() {
    return maxNetworks;
  }

  public long maxDevices() {
    return maxDevices;
  }

  /** Searches over more than one network. */
  public long multiNetworkSearches() {
    return multiNetwork;
  }

  public Duration longestLookback() {
    return longestLookback;
  }

  public Instant firstSearch() {
    return first;
  }

  public Instant lastSearch() {
    return last;
  }

  /** The vendor's moderation outcomes, by value (lower case). */
  public Map<String, Long> moderation() {
    return Collections.unmodifiableMap(moderation);
  }

  /** Searches and flagged searches by requesting organization, most searches first. */
  public List<Map.Entry<String, long[]>> byOrganization() {
    return byOrg.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).toList();
  }

  /** Searches and flagged searches by month (UTC). */
  public Map<YearMonth, long[]> byMonth() {
    return Collections.unmodifiableMap(byMonth);
  }

  /** The worst flagged searches, worst first. */
  public List<Example> worst() {
    List<Example> out = new ArrayList<>(worst);
    out.sort(Comparator.comparingInt(Example::score).reversed().thenComparingLong(Example::row));
    return out;
  }

  /** The sharing list classified, or null when the file has none. */
  public SharingSummary sharing() {
    return sharing;
  }

  public boolean recipientsCut() {
    return recipientsCut;
  }

  /** Each bad row, in file order, read back from the temporary file. */
  public void eachBadRow(Consumer<BadRow> each) {
    readBack("bad", parts -> each.accept(new BadRow(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "")));
  }

  /** Each flagged row, in file order, read back from the temporary file. */
  public void eachFlagged(Consumer<Flagged> each) {
    readBack("flagged", parts -> each.accept(new Flagged(Long.parseLong(parts[0]), parts[1],
        List.of(parts[2].split(",")))));
  }

  public List<BadRow> badRows() {
    List<BadRow> out = new ArrayList<>();
    eachBadRow(out::add);
    return out;
  }

  private void readBack(String name, Consumer<String[]> each) {
    try (BufferedReader r = Files.newBufferedReader(spill.resolve(name), StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        each.accept(line.split("\t", -1));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

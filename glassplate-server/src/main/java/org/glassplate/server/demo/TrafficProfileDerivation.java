package org.glassplate.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * Derives the demo's traffic profile ({@link TrafficProfile}) from the raw Seattle PD week of reads
 * (UWCHR/spd-alpr, {@code spd-alpr-pub.csv.gz}): per device, read counts by hour of the week and the
 * places it read at (0.01° cells); and how many plates came back how often. Only these figures are
 * shipped, never a row or a hashed plate of the file. Run once by a developer who has the file:
 * <pre>
 * java -cp glassplate-server/target/classes org.glassplate.server.demo.TrafficProfileDerivation \
 *     spd-alpr-pub.csv.gz glassplate-server/src/main/resources/org/glassplate/server/demo/traffic-profile.json
 * </pre>
 */
public final class TrafficProfileDerivation {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy - HH:mm:ss");
  /** Places kept per device: the busiest cells (in the real week they hold 70-100% of its reads). */
  static final int PLACES_PER_DEVICE = 16;

  private TrafficProfileDerivation() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: TrafficProfileDerivation SPD_ALPR_PUB_CSV_GZ OUT_JSON");
      System.exit(2);
    }
    String json = derive(Path.of(args[0]));
    Files.writeString(Path.of(args[1]), json, StandardCharsets.UTF_8);
    System.out.println("wrote " + args[1] + " (" + json.length() + " bytes)");
  }

  private static final class Device {
    final String name;
    final int[] byHour = new int[TrafficProfile.HOURS_OF_WEEK];
    final Map<String, Integer> cells = new HashMap<>();
    int reads;
    int positioned;
    double latSum;
    double lonSum;

    Device(String name) {
      this.name = name;
    }
  }

  /** The profile as JSON text; deterministic for a given file. */
  static String derive(Path gz) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Map<String, Device> devices = new TreeMap<>();
    Map<String, Integer> visits = new HashMap<>();
    LocalDateTime first = null;
    LocalDateTime last = null;
    int reads = 0;
    int skipped = 0;
    int withoutPosition = 0;
    try (InputStream raw = new DigestInputStream(Files.newInputStream(gz), sha256);
        BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null || !header.startsWith("zipcode|dt|location|address|device|plate_hash|lon|lat")) {
        throw new IOException("not the Seattle ALPR file (spd-alpr-pub.csv.gz): unexpected header");
      }
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\\|", -1);
        LocalDateTime time;
        try {
          time = f.length < 8 || f[4].isBlank() || f[5].isBlank() ? null : LocalDateTime.parse(f[1], TIME);
        } catch (DateTimeParseException e) {
          time = null;
        }
        if (time == null) {
          skipped++;
          continue;
        }
        reads++;
        first = first == null || time.isBefore(first) ? time : first;
        last = last == null || time.isAfter(last) ? time : last;
        Device d = devices.computeIfAbsent(f[4], Device::new);
        d.reads++;
        d.byHour[TrafficProfile.hourOfWeek(time.getDayOfWeek(), time.getHour())]++;
        visits.merge(f[5], 1, Integer::sum);
        Double lat = number(f[7]);
        Double lon = number(f[6]);
        if (lat == null || lon == null) {
          withoutPosition++;
          continue;
        }
        d.positioned++;
        d.latSum += lat;
        d.lonSum += lon;
        d.cells.merge(String.format(Locale.ROOT, "%.2f,%.2f", lat, lon), 1, Integer::sum);
      }
    }
    if (reads == 0) {
      throw new IOException("the file holds no usable read");
    }
    TreeMap<Integer, Integer> platesByVisits = new TreeMap<>();
    visits.values().forEach(v -> platesByVisits.merge(v, 1, Integer::sum));
    List<Device> ordered = new ArrayList<>(devices.values());
    ordered.sort(Comparator.comparingInt((Device d) -> -d.reads).thenComparing(d -> d.name));

    StringBuilder sb = new StringBuilder();
    sb.append("{\n");
    sb.append("  \"source\": \"Seattle PD ALPR reads, one week, public-records release published by UWCHR "
        + "(https://github.com/UWCHR/spd-alpr, import/input/spd-alpr-pub.csv.gz); figures derived by "
        + "TrafficProfileDerivation\",\n");
    sb.append("  \"sourceSha256\": \"").append(HexFormat.of().formatHex(sha256.digest())).append("\",\n");
    sb.append("  \"firstRead\": \"").append(first).append("\",\n");
    sb.append("  \"lastRead\": \"").append(last).append("\",\n");
    sb.append("  \"reads\": ").append(reads).append(",\n");
    sb.append("  \"rowsSkipped\": ").append(skipped).append(",\n");
    sb.append("  \"readsWithoutPosition\": ").append(withoutPosition).append(",\n");
    sb.append("  \"distinctPlates\": ").append(visits.size()).append(",\n");
    sb.append("  \"hourOfWeek\": \"index 0 is Monday 00:00-00:59 local time, 167 is Sunday 23:00-23:59; counts are totals "
        + "over the days of the release\",\n");
    sb.append("  \"devices\": [\n");
    for (int i = 0; i < ordered.size(); i++) {
      Device d = ordered.get(i);
      sb.append("    {\"device\": \"").append(jsonText(d.name)).append("\", \"reads\": ").append(d.reads);
      if (d.positioned > 0) {
        sb.append(String.format(Locale.ROOT, ", \"meanLat\": %.5f, \"meanLon\": %.5f", d.latSum / d.positioned,
            d.lonSum / d.positioned));
      }
      sb.append(",\n     \"readsByHourOfWeek\": [");
      for (int h = 0; h < d.byHour.length; h++) {
        sb.append(h == 0 ? "" : ",").append(d.byHour[h]);
      }
      sb.append("],\n     \"places\": [");
      List<Map.Entry<String, Integer>> cells = new ArrayList<>(d.cells.entrySet());
      cells.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      for (int c = 0; c < Math.min(PLACES_PER_DEVICE, cells.size()); c++) {
        String[] ll = cells.get(c).getKey().split(",");
        sb.append(c == 0 ? "" : ", ").append("{\"lat\": ").append(ll[0]).append(", \"lon\": ").append(ll[1])
            .append(", \"reads\": ").append(cells.get(c).getValue()).append('}');
      }
      sb.append("]}").append(i + 1 < ordered.size() ? "," : "").append('\n');
    }
    sb.append("  ],\n");
    sb.append("  \"visitsPerPlate\": [");
    boolean firstPair = true;
    for (Map.Entry<Integer, Integer> e : platesByVisits.entrySet()) {
      sb.append(firstPair ? "" : ", ").append("{\"visits\": ").append(e.getKey()).append(", \"plates\": ")
          .append(e.getValue()).append('}');
      firstPair = false;
    }
    sb.append("]\n}\n");
    return sb.toString();
  }

  private static Double number(String s) {
    try {
      double v = Double.parseDouble(s.trim());
      return Double.isFinite(v) ? v : null;
    } catch (NumberFormatException e) {
      return null; // "NA" or blank in the public file
    }
  }

  private static String jsonText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}

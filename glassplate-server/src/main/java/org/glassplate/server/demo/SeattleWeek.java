package org.glassplate.server.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;

/**
 * One real week of Seattle PD plate reads (UWCHR public-records release, plates one-way hashed by
 * the publisher): time, device, hashed plate and position of every read, in time order.
 */
final class SeattleWeek {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy - HH:mm:ss");
  /** Seattle's centre; positions are moved to the demo city keeping their offsets. */
  static final double SEATTLE_LAT = 47.6062;
  static final double SEATTLE_LON = -122.3321;

  record Row(LocalDateTime time, int device, String plateHash, double lat, double lon) {
  }

  private final List<Row> rows;
  private final List<String> devices;

  private SeattleWeek(List<Row> rows, List<String> devices) {
    this.rows = rows;
    this.devices = devices;
  }

  List<Row> rows() {
    return rows;
  }

  List<String> devices() {
    return devices;
  }

  static SeattleWeek load(Path gz) throws IOException {
    List<String[]> raw = new ArrayList<>();
    TreeSet<String> deviceNames = new TreeSet<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null || !header.startsWith("zipcode|dt|")) {
        throw new IOException("not the Seattle ALPR file: unexpected header");
      }
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split("\\|", -1);
        if (f.length < 8 || f[5].isBlank() || f[6].isBlank() || f[7].isBlank()) {
          continue;
        }
        raw.add(f);
        deviceNames.add(f[4]);
      }
    }
    List<String> devices = new ArrayList<>(deviceNames);
    List<Row> rows = new ArrayList<>(raw.size());
    for (String[] f : raw) {
      try {
        rows.add(new Row(LocalDateTime.parse(f[1], TIME), devices.indexOf(f[4]), f[5],
            Double.parseDouble(f[7]), Double.parseDouble(f[6])));
      } catch (RuntimeException e) {
        // a malformed row in the public file: skip it
      }
    }
    rows.sort(Comparator.comparing(Row::time));
    return new SeattleWeek(List.copyOf(rows), List.copyOf(devices));
  }

  /** The hashed plates seen most often in the week, most frequent first (ties by hash, for determinism). */
  List<String> mostFrequentPlates(int n) {
    java.util.Map<String, Integer> counts = new java.util.HashMap<>();
    for (Row r : rows) {
      counts.merge(r.plateHash(), 1, Integer::sum);
    }
    return counts.entrySet().stream()
        .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
        .limit(n).map(java.util.Map.Entry::getKey).toList();
  }

  /** Index of the first read at or after this weekday and time of day, so the replay follows the week. */
  int startIndex(DayOfWeek day, java.time.LocalTime time) {
    for (int i = 0; i < rows.size(); i++) {
      LocalDateTime t = rows.get(i).time();
      if (t.getDayOfWeek() == day && !t.toLocalTime().isBefore(time)) {
        return i;
      }
    }
    return 0;
  }
}

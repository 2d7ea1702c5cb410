package org.glassplate.server.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shape of one real week of plate reads (Seattle PD, October 2021, as released to UWCHR),
 * shipped as a small resource ({@code traffic-profile.json}, derived by
 * {@link TrafficProfileDerivation}): per device, how many reads it made in each hour of the week
 * and where; and how many plates were seen once, twice, … . The simulator replays this shape
 * ({@link TrafficReplay}); no row of the raw file is needed, or shipped.
 */
record TrafficProfile(String source, String sourceSha256, String firstRead, String lastRead, int reads,
    int distinctPlates, List<Device> devices, List<Visits> visitsPerPlate) {
  static final int HOURS_OF_WEEK = 7 * 24;
  static final String RESOURCE = "traffic-profile.json";

  TrafficProfile {
    devices = List.copyOf(devices);
    visitsPerPlate = List.copyOf(visitsPerPlate);
    if (devices.isEmpty()) {
      throw new IllegalArgumentException("a traffic profile needs at least one device");
    }
    int byDevice = devices.stream().mapToInt(Device::reads).sum();
    long byPlate = visitsPerPlate.stream().mapToLong(v -> (long) v.visits() * v.plates()).sum();
    if (byDevice != reads || byPlate != reads) {
      throw new IllegalArgumentException("traffic profile: reads " + reads + ", by device " + byDevice + ", by plate "
          + byPlate + ": they must agree");
    }
    if (visitsPerPlate.stream().mapToInt(Visits::plates).sum() != distinctPlates) {
      throw new IllegalArgumentException("traffic profile: visitsPerPlate does not add up to distinctPlates");
    }
  }

  /**
   * @param meanLat where the device read on average (null when the release gave no positions for it)
   * @param places the busiest 0.01° cells it read in, with their read counts
   */
  record Device(String device, int reads, Double meanLat, Double meanLon, int[] readsByHourOfWeek, List<Place> places) {
    Device {
      Objects.requireNonNull(device, "device");
      if (readsByHourOfWeek == null || readsByHourOfWeek.length != HOURS_OF_WEEK) {
        throw new IllegalArgumentException("traffic profile: device needs " + HOURS_OF_WEEK + " hourly counts");
      }
      if (Arrays.stream(readsByHourOfWeek).sum() != reads) {
        throw new IllegalArgumentException("traffic profile: hourly counts do not add up to the device's reads");
      }
      readsByHourOfWeek = readsByHourOfWeek.clone();
      places = List.copyOf(places);
    }

    int readsIn(int hourOfWeek) {
      return readsByHourOfWeek[hourOfWeek];
    }

    boolean positioned() {
      return meanLat != null && meanLon != null && !places.isEmpty();
    }
  }

  record Place(double lat, double lon, int reads) {
  }

  record Visits(int visits, int plates) {
    Visits {
      if (visits < 1 || plates < 1) {
        throw new IllegalArgumentException("traffic profile: visits and plates must be positive");
      }
    }
  }

  /** Monday 00:00-00:59 is 0, Sunday 23:00-23:59 is 167. */
  static int hourOfWeek(DayOfWeek day, int hour) {
    return (day.getValue() - 1) * 24 + hour;
  }

  /** The profile shipped with Glassplate. */
  static TrafficProfile shipped() {
    try (InputStream in = TrafficProfile.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the demo traffic profile " + RESOURCE + " is missing from the build");
      }
      return parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo traffic profile", e);
    }
  }

  static TrafficProfile parse(InputStream in) {
    return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build()
        .readValue(in, TrafficProfile.class);
  }

  /** Reads in this hour of the week, all devices together. */
  int readsIn(int hourOfWeek) {
    return devices.stream().mapToInt(d -> d.readsIn(hourOfWeek)).sum();
  }
}

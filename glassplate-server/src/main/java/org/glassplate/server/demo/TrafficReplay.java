package org.glassplate.server.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Replays a {@link TrafficProfile} read by read, deterministically for a seed: hour by hour from a
 * starting hour of the week, each device makes exactly the reads the profile gives it in that hour
 * (in shuffled order), at one of its places; and plates come back exactly as often as in the real
 * week (plate {@code k} of the profile's population has its own number of visits, the most frequent
 * first). After the week's last hour it starts the week again.
 */
final class TrafficReplay {
  /** Cell size of the profile's places, in degrees: a read lands anywhere in its cell. */
  private static final double CELL = 0.01;

  /**
   * One simulated read.
   *
   * @param device index of the device in the profile (busiest first)
   * @param plate the plate's index in the profile's population (0 is the most frequent)
   * @param lat where it was read (the real week's coordinates), or null when the device has no places
   */
  record SimulatedRead(int hourOfWeek, int device, int plate, Double lat, Double lon) {
  }

  private final TrafficProfile profile;
  private final Random random;
  private final int[] plateSchedule;
  private int plateCursor;
  private int hour;
  private final List<Integer> devicesThisHour = new ArrayList<>();
  private int deviceCursor;

  TrafficReplay(TrafficProfile profile, int startHourOfWeek, long seed) {
    if (startHourOfWeek < 0 || startHourOfWeek >= TrafficProfile.HOURS_OF_WEEK) {
      throw new IllegalArgumentException("hour of week must be 0 to 167, was " + startHourOfWeek);
    }
    this.profile = profile;
    this.random = new Random(seed);
    this.plateSchedule = plateSchedule(profile, random);
    this.hour = startHourOfWeek;
    fill();
  }

  /** Plate k appears as often as the k-th most frequent plate of the real week, in random order. */
  private static int[] plateSchedule(TrafficProfile profile, Random random) {
    int[] schedule = new int[profile.reads()];
    List<TrafficProfile.Visits> byVisits = new ArrayList<>(profile.visitsPerPlate());
    byVisits.sort((a, b) -> Integer.compare(b.visits(), a.visits()));
    int plate = 0;
    int i = 0;
    for (TrafficProfile.Visits v : byVisits) {
      for (int p = 0; p < v.plates(); p++, plate++) {
        for (int k = 0; k < v.visits(); k++) {
          schedule[i++] = plate;
        }
      }
    }
    for (int j = schedule.length - 1; j > 0; j--) {
      int k = random.nextInt(j + 1);
      int t = schedule[j];
      schedule[j] = schedule[k];
      schedule[k] = t;
    }
    return schedule;
  }

  /** The devices of the current hour, each as many times as it read then, shuffled; skips empty hours. */
  private void fill() {
    devicesThisHour.clear();
    deviceCursor = 0;
    for (int tried = 0; devicesThisHour.isEmpty(); tried++) {
      if (tried > 0) {
        hour = (hour + 1) % TrafficProfile.HOURS_OF_WEEK;
      }
      for (int d = 0; d < profile.devices().size(); d++) {
        for (int n = profile.devices().get(d).readsIn(hour); n > 0; n--) {
          devicesThisHour.add(d);
        }
      }
    }
    Collections.shuffle(devicesThisHour, random);
  }

  SimulatedRead next() {
    if (deviceCursor == devicesThisHour.size()) {
      hour = (hour + 1) % TrafficProfile.HOURS_OF_WEEK;
      fill();
    }
    int device = devicesThisHour.get(deviceCursor++);
    int plate = plateSchedule[plateCursor];
    plateCursor = (plateCursor + 1) % plateSchedule.length;
    TrafficProfile.Device d = profile.devices().get(device);
    if (!d.positioned()) {
      return new SimulatedRead(hour, device, plate, null, null);
    }
    TrafficProfile.Place place = place(d.places());
    double lat = place.lat() + (random.nextDouble() - 0.5) * CELL;
    double lon = place.lon() + (random.nextDouble() - 0.5) * CELL;
    return new SimulatedRead(hour, device, plate, Math.round(lat * 1e5) / 1e5, Math.round(lon * 1e5) / 1e5);
  }

  private TrafficProfile.Place place(List<TrafficProfile.Place> places) {
    int total = places.stream().mapToInt(TrafficProfile.Place::reads).sum();
    int pick = random.nextInt(total);
    for (TrafficProfile.Place p : places) {
      pick -= p.reads();
      if (pick < 0) {
        return p;
      }
    }
    return places.get(places.size() - 1);
  }

  /** The hour of the week the next read belongs to, until it is used up. */
  int hourOfWeek() {
    return hour;
  }

  /** Plate indexes of the {@code n} most frequent plates (the population is ordered by visits). */
  static List<Integer> mostFrequentPlates(int n) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i);
    }
    return out;
  }

  /** The synthetic plate standing for the profile's plate {@code k}: the same every run. */
  static SyntheticPlates.Synthetic plate(int k) {
    return SyntheticPlates.fromHash("traffic-profile-plate-" + k);
  }
}

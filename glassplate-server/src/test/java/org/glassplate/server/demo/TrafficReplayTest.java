package org.glassplate.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped traffic profile (issue 10), its derivation, and the replay that follows its shape. */
class TrafficReplayTest {

  @Test
  void theShippedProfileHoldsTheFiguresOfTheRealWeek() {
    TrafficProfile p = TrafficProfile.shipped();
    // the release's own figures (SOURCES.md beside the profile)
    assertThat(p.reads()).isEqualTo(93_490);
    assertThat(p.distinctPlates()).isEqualTo(68_188);
    assertThat(p.sourceSha256()).isEqualTo("a1b8c787b517b8464412db2476d578b0959231a46e2b7761228ccd7a889016ea");
    assertThat(p.devices()).hasSize(9);
    assertThat(p.devices().get(0).reads()).isEqualTo(21_983);
    assertThat(p.visitsPerPlate().get(0)).isEqualTo(new TrafficProfile.Visits(1, 57_237));
    assertThat(p.devices()).filteredOn(TrafficProfile.Device::positioned).hasSize(7);
  }

  @Test
  void aWholeWeekOfReplayMakesExactlyTheProfilesReadsPerDeviceAndHour() {
    TrafficProfile p = TrafficProfile.shipped();
    TrafficReplay replay = new TrafficReplay(p, 0, 7);
    int[][] got = new int[p.devices().size()][TrafficProfile.HOURS_OF_WEEK];
    for (int i = 0; i < p.reads(); i++) {
      TrafficReplay.SimulatedRead r = replay.next();
      got[r.device()][r.hourOfWeek()]++;
    }
    for (int d = 0; d < got.length; d++) {
      assertThat(got[d]).as("device %d by hour of week", d).containsExactly(p.devices().get(d).readsByHourOfWeek());
    }
  }

  @Test
  void platesComeBackAsOftenAsInTheRealWeek() {
    TrafficProfile p = TrafficProfile.shipped();
    TrafficReplay replay = new TrafficReplay(p, 100, 1);
    Map<Integer, Integer> visits = new HashMap<>();
    for (int i = 0; i < p.reads(); i++) {
      visits.merge(replay.next().plate(), 1, Integer::sum);
    }
    Map<Integer, Integer> platesByVisits = new TreeMap<>();
    visits.values().forEach(v -> platesByVisits.merge(v, 1, Integer::sum));
    Map<Integer, Integer> want = new TreeMap<>();
    p.visitsPerPlate().forEach(v -> want.put(v.visits(), v.plates()));
    assertThat(platesByVisits).isEqualTo(want);
    // the most frequent plates (the demo's hot list) are plates 0, 1, 2, ...
    assertThat(visits.get(0)).isEqualTo(want.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow());
    assertThat(visits.get(0)).isGreaterThanOrEqualTo(visits.get(1));
  }

  @Test
  void readsLandInTheirDevicesPlacesOrHaveNoPosition() {
    TrafficProfile p = TrafficProfile.shipped();
    TrafficReplay replay = new TrafficReplay(p, 50, 3);
    for (int i = 0; i < 20_000; i++) {
      TrafficReplay.SimulatedRead r = replay.next();
      TrafficProfile.Device d = p.devices().get(r.device());
      if (!d.positioned()) {
        assertThat(r.lat()).isNull();
        assertThat(r.lon()).isNull();
        continue;
      }
      assertThat(d.places()).as("read %d at %s,%s", i, r.lat(), r.lon())
          .anySatisfy(pl -> {
            assertThat(Math.abs(pl.lat() - r.lat())).isLessThanOrEqualTo(0.00501);
            assertThat(Math.abs(pl.lon() - r.lon())).isLessThanOrEqualTo(0.00501);
          });
    }
  }

  @Test
  void theReplayStartsAtTheGivenHourAndIsTheSameForTheSameSeed() {
    TrafficProfile p = TrafficProfile.shipped();
    int friday2pm = TrafficProfile.hourOfWeek(DayOfWeek.FRIDAY, 14);
    assertThat(p.readsIn(friday2pm)).isPositive();
    TrafficReplay a = new TrafficReplay(p, friday2pm, 42);
    TrafficReplay b = new TrafficReplay(p, friday2pm, 42);
    for (int i = 0; i < p.readsIn(friday2pm); i++) {
      TrafficReplay.SimulatedRead ra = a.next();
      assertThat(ra.hourOfWeek()).isEqualTo(friday2pm);
      assertThat(ra).isEqualTo(b.next());
    }
    assertThat(a.next().hourOfWeek()).isGreaterThan(friday2pm);
    assertThatThrownBy(() -> new TrafficReplay(p, 168, 1)).hasMessageContaining("0 to 167");
  }

  @Test
  void hourOfWeekStartsOnMondayMidnight() {
    assertThat(TrafficProfile.hourOfWeek(DayOfWeek.MONDAY, 0)).isZero();
    assertThat(TrafficProfile.hourOfWeek(DayOfWeek.FRIDAY, 0)).isEqualTo(96);
    assertThat(TrafficProfile.hourOfWeek(DayOfWeek.SUNDAY, 23)).isEqualTo(167);
  }

  @Test
  void camerasStandWhereTheirDevicesReadOnAverageMovedToTheDemoCity() {
    TrafficProfile p = TrafficProfile.shipped();
    TrafficProfile.Device busiest = p.devices().get(0);
    double[] pos = DemoSeeder.position(p, 0);
    assertThat(pos[0]).isCloseTo(DemoCity.LAT + busiest.meanLat() - DemoCity.SEATTLE_LAT, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(pos[1]).isCloseTo(DemoCity.LON + busiest.meanLon() - DemoCity.SEATTLE_LON, org.assertj.core.data.Offset.offset(1e-9));
    // a camera replaying a device without positions stands inside the demo city all the same
    int unpositioned = p.devices().indexOf(p.devices().stream().filter(d -> !d.positioned()).findFirst().orElseThrow());
    double[] grid = DemoSeeder.position(p, unpositioned);
    assertThat(Math.abs(grid[0] - DemoCity.LAT)).isLessThan(0.05);
    assertThat(Math.abs(grid[1] - DemoCity.LON)).isLessThan(0.05);
  }

  @Test
  void derivesTheProfileFromRowsInTheReleasesFormat(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("spd-alpr-pub.csv.gz");
    String header = "zipcode|dt|location|address|device|plate_hash|lon|lat|median_incomeE\n";
    String rows = String.join("\n",
        // Friday 2021-10-01 14:05, twice the same plate at one place; device B once without a position
        "98101|10/01/2021 - 14:05:00|x|a|DEV-A|p1|-122.3301|47.6101|1",
        "98101|10/01/2021 - 14:45:10|x|a|DEV-A|p1|-122.3349|47.6149|1",
        "98101|10/01/2021 - 15:00:00|x|a|DEV-A|p2|-122.3001|47.6001|1",
        "98101|10/04/2021 - 00:10:00|x|a|DEV-B|p3|NA|NA|1",
        // unusable rows: no time, no device
        "98101|garbage|x|a|DEV-B|p4|-122.3|47.6|1",
        "98101|10/04/2021 - 00:10:00|x|a||p5|-122.3|47.6|1") + "\n";
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write((header + rows).getBytes(StandardCharsets.UTF_8));
    }
    String json = TrafficProfileDerivation.derive(gz);
    TrafficProfile p = TrafficProfile.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(p.reads()).isEqualTo(4);
    assertThat(p.distinctPlates()).isEqualTo(3);
    assertThat(p.firstRead()).isEqualTo("2021-10-01T14:05");
    assertThat(p.lastRead()).isEqualTo("2021-10-04T00:10");
    assertThat(json).contains("\"rowsSkipped\": 2", "\"readsWithoutPosition\": 1");
    TrafficProfile.Device a = p.devices().get(0);
    assertThat(a.device()).isEqualTo("DEV-A");
    assertThat(a.readsIn(TrafficProfile.hourOfWeek(DayOfWeek.FRIDAY, 14))).isEqualTo(2);
    assertThat(a.readsIn(TrafficProfile.hourOfWeek(DayOfWeek.FRIDAY, 15))).isEqualTo(1);
    assertThat(a.places()).containsExactly(new TrafficProfile.Place(47.61, -122.33, 2), new TrafficProfile.Place(47.60, -122.30, 1));
    assertThat(a.meanLat()).isCloseTo((47.6101 + 47.6149 + 47.6001) / 3, org.assertj.core.data.Offset.offset(1e-5));
    TrafficProfile.Device b = p.devices().get(1);
    assertThat(b.positioned()).isFalse();
    assertThat(b.readsIn(TrafficProfile.hourOfWeek(DayOfWeek.MONDAY, 0))).isEqualTo(1);
    assertThat(p.visitsPerPlate()).containsExactly(new TrafficProfile.Visits(1, 2), new TrafficProfile.Visits(2, 1));
    assertThat(TrafficProfileDerivation.derive(gz)).as("deterministic").isEqualTo(json);
  }

  @Test
  void refusesAFileThatIsNotTheRelease(@TempDir Path dir) throws IOException {
    Path gz = dir.resolve("other.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("a,b,c\n1,2,3\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> TrafficProfileDerivation.derive(gz)).isInstanceOf(IOException.class)
        .hasMessageContaining("unexpected header");
  }

  @Test
  void aProfileWhoseFiguresDoNotAddUpIsRefused() {
    int[] hours = new int[TrafficProfile.HOURS_OF_WEEK];
    hours[3] = 2;
    TrafficProfile.Device d = new TrafficProfile.Device("D", 2, null, null, hours, List.of());
    assertThatThrownBy(() -> new TrafficProfile("s", "h", "f", "l", 3, 1, List.of(d), List.of(new TrafficProfile.Visits(3, 1))))
        .hasMessageContaining("must agree");
    assertThatThrownBy(() -> new TrafficProfile.Device("D", 5, null, null, hours, List.of()))
        .hasMessageContaining("add up");
  }

  /**
   * With the raw release at hand (GLASSPLATE_SEATTLE_FILE), the shipped profile is exactly what the
   * derivation makes of it; without it (CI, a fresh clone) there is nothing to compare.
   */
  @Test
  void theShippedProfileIsDerivedFromTheReleaseWhenItIsAtHand() throws IOException {
    String raw = System.getenv("GLASSPLATE_SEATTLE_FILE");
    org.junit.jupiter.api.Assumptions.assumeTrue(raw != null && Files.isRegularFile(Path.of(raw)),
        "GLASSPLATE_SEATTLE_FILE not set: the raw release is not part of the project");
    try (var in = TrafficProfile.class.getResourceAsStream(TrafficProfile.RESOURCE)) {
      assertThat(TrafficProfileDerivation.derive(Path.of(raw))).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}

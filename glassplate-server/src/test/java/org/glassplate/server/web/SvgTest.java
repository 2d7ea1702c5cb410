package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one chart helper: its charts carry their numbers, escape their text and draw one mark per value. */
class SvgTest {

  private static int count(String svg, String regex) {
    return (int) Pattern.compile(regex).matcher(svg).results().count();
  }

  @Test
  void dailyBarsDrawOneBarPerDayAndNameTheTotal() {
    Map<LocalDate, Long> series = new LinkedHashMap<>();
    for (int d = 1; d <= 30; d++) {
      series.put(LocalDate.of(2026, 11, d), (long) d % 3);
    }
    String svg = Svg.dailyBars("Searches <per> day", series, "#2a7a3a");
    assertThat(count(svg, "<rect ")).isEqualTo(30);
    assertThat(svg).startsWith("<svg class=\"chart\"").endsWith("</svg>")
        .contains("aria-label=\"Searches &lt;per&gt; day: 30 in 30 days\"", "<title>2026-11-02: 2</title>")
        .doesNotContain("<per>");
  }

  @Test
  void horizontalBarsLabelEachKeyAndSayWhenThereIsNone() {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("PROHIBITED_PURPOSE", 1200L);
    counts.put("<script>", 3L);
    String svg = Svg.horizontalBars("Refused", counts, "#a33");
    assertThat(count(svg, "<rect ")).isEqualTo(2);
    assertThat(svg).contains(">PROHIBITED_PURPOSE</text>", ">1,200</text>", "&lt;script&gt;").doesNotContain("<script>");
    assertThat(Svg.horizontalBars("Refused", Map.of(), "#a33")).contains("none in the last 30 days");
  }

  @Test
  void cameraMapPlotsEveryCameraWithItsEscapedName() {
    String svg = Svg.cameraMap(List.of(new double[] {47.6, -122.3}, new double[] {47.61, -122.31}),
        List.of("5th & Main", "Pier \"9\""));
    assertThat(count(svg, "<circle ")).isEqualTo(2);
    assertThat(svg).contains("<title>5th &amp; Main</title>", "<title>Pier &quot;9&quot;</title>", "north is up");
    assertThat(Svg.cameraMap(List.of(), List.of())).contains("no cameras");
  }

  @Test
  void sightingsSizeOneCirclePerPlaceAndShowOtherCamerasInView() {
    Svg.Place a = new Svg.Place(1, 47.6000, -122.3000, "Cam <A>");
    Svg.Place b = new Svg.Place(2, 47.6010, -122.3010, "Cam B");
    String svg = Svg.sightings(List.of(a, a, b), List.of(a, b));
    assertThat(svg).startsWith("<svg id=\"plot\"");
    assertThat(count(svg, "<circle class=\"seen\"")).isEqualTo(2);
    assertThat(count(svg, "<circle class=\"camera\"")).isEqualTo(2);
    assertThat(svg).contains("<title>Cam &lt;A&gt;: 2 reads</title>", "<title>Cam B: 1 read</title>")
        .doesNotContain("<A>");
    assertThat(Svg.sightings(List.of(), List.of(a))).contains("<circle class=\"camera\"")
        .doesNotContain("class=\"seen\"");
    assertThat(Svg.sightings(List.of(), List.of())).as("nothing to plot").isNull();
  }

  private static double attr(String element, String name) {
    java.util.regex.Matcher m = Pattern.compile(" " + name + "=\"([-0-9.]+)\"").matcher(element);
    assertThat(m.find()).as("%s in %s", name, element).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static List<String> elements(String svg, String regex) {
    return Pattern.compile(regex).matcher(svg).results().map(java.util.regex.MatchResult::group).toList();
  }

  /**
   * Issue 13: reads taken kilometres apart by one camera are one circle, at that camera's own
   * position (where its grey dot is), labelled with its name and number of reads.
   */
  @Test
  void sightingsGroupReadsByCameraAtTheCamerasOwnPosition() {
    Svg.Place camA = new Svg.Place(1, 36.7500, -119.7700, "Olive & Blackstone");
    Svg.Place camB = new Svg.Place(2, 36.7600, -119.7800, "Shaw & Cedar");
    List<Svg.Place> reads = List.of(
        new Svg.Place(1, 36.7900, -119.7300, "Olive & Blackstone"), new Svg.Place(1, 36.7100, -119.8100, "Olive & Blackstone"),
        new Svg.Place(1, 36.7500, -119.7700, "Olive & Blackstone"), new Svg.Place(2, 36.7000, -119.7000, "Shaw & Cedar"));
    String svg = Svg.sightings(reads, List.of(camA, camB));
    List<String> seen = elements(svg, "<circle class=\"seen\"[^>]*>");
    assertThat(seen).hasSize(2);
    for (Svg.Place cam : List.of(camA, camB)) {
      String dot = elements(svg, "<circle class=\"camera\" data-camera=\"" + cam.camera() + "\"[^>]*>").get(0);
      String circle = seen.stream().filter(c -> c.contains("data-camera=\"" + cam.camera() + "\"")).findFirst().orElseThrow();
      assertThat(attr(circle, "cx")).as("camera %d", cam.camera()).isEqualTo(attr(dot, "cx"));
      assertThat(attr(circle, "cy")).as("camera %d", cam.camera()).isEqualTo(attr(dot, "cy"));
    }
    assertThat(svg).contains(">Olive &amp; Blackstone · 3 reads</text>", ">Shaw &amp; Cedar · 1 read</text>",
        "aria-label=\"Where the plate was seen: seen at 2 cameras: Olive &amp; Blackstone (3 reads), Shaw &amp; Cedar (1 read)\"");
  }

  /** Labels of cameras close together are placed apart, so that each stays readable. */
  @Test
  void sightingsLabelsDoNotOverlap() {
    List<Svg.Place> cams = new java.util.ArrayList<>();
    List<Svg.Place> reads = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      Svg.Place c = new Svg.Place(i, 36.75 + i * 0.0004, -119.77 + i * 0.0003, "Camera number " + i);
      cams.add(c);
      reads.add(c);
    }
    String svg = Svg.sightings(reads, cams);
    List<double[]> boxes = elements(svg, "<text class=\"label\"[^>]*>").stream()
        .map(t -> new double[] {attr(t, "x"), attr(t, "y") - 11, attr(t, "data-width"), 14}).toList();
    assertThat(boxes).hasSize(5);
    for (int i = 0; i < boxes.size(); i++) {
      double[] a = boxes.get(i);
      assertThat(a[0]).isBetween(0.0, 600.0 - a[2] + 2);
      for (int j = i + 1; j < boxes.size(); j++) {
        double[] b = boxes.get(j);
        boolean overlap = a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];
        assertThat(overlap).as("label %d and label %d overlap", i, j).isFalse();
      }
    }
  }

  /** The plot has a scale: a bar of a round distance whose length in pixels is that distance at the plot's scale. */
  @Test
  void sightingsHaveAScaleBarOfARoundDistance() {
    Svg.Place a = new Svg.Place(1, 36.7500, -119.7700, "A");
    Svg.Place b = new Svg.Place(2, 36.7700, -119.7900, "B");
    String svg = Svg.sightings(List.of(a, b), List.of(a, b));
    String bar = elements(svg, "<g class=\"scale\"[^>]*>").get(0);
    double metres = attr(bar, "data-metres");
    double pixels = attr(bar, "data-pixels");
    assertThat(List.of(100.0, 200.0, 250.0, 500.0, 1000.0, 2000.0, 2500.0, 5000.0)).contains(metres);
    // the sightings are about 2.2 km apart north-south and span about 1.3 of the plot's 360 px height (with margins)
    double pxPerMetre = pixels / metres;
    double northSouthPx = Math.abs(attr(elements(svg, "<circle class=\"seen\" data-camera=\"1\"[^>]*>").get(0), "cy")
        - attr(elements(svg, "<circle class=\"seen\" data-camera=\"2\"[^>]*>").get(0), "cy"));
    assertThat(northSouthPx / pxPerMetre).isCloseTo(0.02 * 111_320, org.assertj.core.data.Offset.offset(30.0));
    assertThat(svg).contains(metres >= 1000 ? (long) (metres / 1000) + " km</text>" : (long) metres + " m</text>", "north");
  }

  @Test
  void areaPickerCarriesItsProjectionAndDrawsTheChosenBox() {
    Svg.Place a = new Svg.Place(1, 36.7500, -119.7700, "A");
    Svg.Place b = new Svg.Place(2, 36.7700, -119.7900, "B & C");
    String svg = Svg.areaPicker(List.of(a, b), new Svg.Box(36.755, -119.785, 36.765, -119.775));
    assertThat(svg).startsWith("<svg id=\"area-map\"").contains("data-scale=", "data-min-lat=", ">B &amp; C</text>");
    assertThat(count(svg, "<circle class=\"camera\"")).isEqualTo(2);
    String root = elements(svg, "<svg [^>]*>").get(0);
    double minLat = attr(root, "data-min-lat");
    double minLon = attr(root, "data-min-lon");
    double kx = attr(root, "data-kx");
    double scale = attr(root, "data-scale");
    double offX = attr(root, "data-off-x");
    double offY = attr(root, "data-off-y");
    // the script's inverse projection finds camera A's degrees from its pixels
    String dot = elements(svg, "<circle class=\"camera\" data-camera=\"1\"[^>]*>").get(0);
    double lon = minLon + (attr(dot, "cx") - offX) / (kx * scale);
    double lat = minLat + (360 - attr(dot, "cy") - offY) / scale;
    assertThat(lat).isCloseTo(36.75, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(lon).isCloseTo(-119.77, org.assertj.core.data.Offset.offset(1e-3));
    String box = elements(svg, "<rect id=\"area-box\"[^>]*>").get(0);
    assertThat(attr(box, "width")).isPositive();
    assertThat(Svg.areaPicker(List.of(), null)).isNull();
  }

  @Test
  void qrCodeDrawsOneSquarePerDarkModule() {
    boolean[][] dark = {{true, false, true}, {false, true, false}};
    String svg = Svg.qrCode((x, y) -> dark[y][x], 3, 2);
    assertThat(svg).startsWith("<svg ").endsWith("</svg>").contains("viewBox=\"0 0 3 2\"").contains("width=\"18\"");
    assertThat(count(svg, "h1v1h-1z")).isEqualTo(3);
    assertThat(svg).contains("M0 0h1v1h-1z").contains("M2 0h1v1h-1z").contains("M1 1h1v1h-1z");
  }
}

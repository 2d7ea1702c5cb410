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
    assertThat(svg).contains("<title>Cam &lt;A&gt;: 2 reads</title>", "<title>Cam B: 1 reads</title>")
        .doesNotContain("<A>");
    assertThat(Svg.sightings(List.of(), List.of(a))).contains("<circle class=\"camera\"")
        .doesNotContain("class=\"seen\"");
    assertThat(Svg.sightings(List.of(), List.of())).as("nothing to plot").isNull();
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

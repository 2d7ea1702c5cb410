package org.glassplate.server.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one chart helper: charts drawn on the server as SVG, which the page templates embed as they
 * are. They need no script, no CDN and no map tiles, and read the same on a phone. Every chart carries
 * a text alternative with its numbers; every text in it is escaped here.
 */
public final class Svg {
  private static final int W = 640;

  private Svg() {
  }

  /** Daily bars for a 30-day series (every day present, zero where nothing happened). */
  public static String dailyBars(String title, Map<LocalDate, Long> series, String color) {
    int h = 180;
    int left = 44;
    int bottom = 24;
    long max = Math.max(1, series.values().stream().mapToLong(Long::longValue).max().orElse(1));
    int n = Math.max(1, series.size());
    double bw = (W - left - 8) / (double) n;
    StringBuilder sb = new StringBuilder();
    long total = series.values().stream().mapToLong(Long::longValue).sum();
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"").append(esc(title + ": " + total + " in 30 days")).append("\">");
    sb.append("<title>").append(esc(title)).append("</title>");
    sb.append(axisLine(left, h - bottom, W - 8, h - bottom));
    sb.append(text(4, 14, fmt(max), "start")).append(text(4, h - bottom, "0", "start"));
    int i = 0;
    for (Map.Entry<LocalDate, Long> e : series.entrySet()) {
      double bh = (h - bottom - 20) * (e.getValue() / (double) max);
      double x = left + i * bw;
      sb.append(String.format(Locale.ROOT,
          "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s: %d</title></rect>",
          x + 1, h - bottom - bh, Math.max(1, bw - 2), bh, color, e.getKey(), e.getValue()));
      if (i % 7 == 0) {
        sb.append(text((int) x, h - 6, e.getKey().toString().substring(5), "start"));
      }
      i++;
    }
    return sb.append("</svg>").toString();
  }

  /** Horizontal bars, one per key (e.g. refused searches by reason code). */
  public static String horizontalBars(String title, Map<String, Long> counts, String color) {
    int row = 26;
    int h = Math.max(1, counts.size()) * row + 10;
    long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart\" viewBox=\"0 0 ").append(W).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\"><title>").append(esc(title)).append("</title>");
    if (counts.isEmpty()) {
      sb.append(text(4, 20, "none in the last 30 days", "start"));
    }
    int y = 6;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      double bw = (W - 260) * (e.getValue() / (double) max);
      sb.append(text(4, y + 16, e.getKey(), "start"));
      sb.append(String.format(Locale.ROOT, "<rect x=\"220\" y=\"%d\" width=\"%.1f\" height=\"18\" fill=\"%s\"/>",
          y + 2, Math.max(1, bw), color));
      sb.append(text((int) (226 + bw), y + 16, fmt(e.getValue()), "start"));
      y += row;
    }
    return sb.append("</svg>").toString();
  }

  /** A plain plot of camera positions (no tiles): equirectangular, fitted to the cameras. */
  public static String cameraMap(List<double[]> positions, List<String> labels) {
    int h = 320;
    StringBuilder sb = new StringBuilder();
    sb.append("<svg class=\"chart map\" viewBox=\"0 0 ").append(W).append(' ').append(h)
        .append("\" role=\"img\" aria-label=\"Camera locations\"><title>Camera locations</title>");
    sb.append("<rect x=\"0\" y=\"0\" width=\"").append(W).append("\" height=\"").append(h)
        .append("\" fill=\"#f4f6f8\" stroke=\"#ccd\"/>");
    if (positions.isEmpty()) {
      return sb.append(text(12, 24, "no cameras", "start")).append("</svg>").toString();
    }
    double minLat = positions.stream().mapToDouble(p -> p[0]).min().orElse(0);
    double maxLat = positions.stream().mapToDouble(p -> p[0]).max().orElse(0);
    double minLon = positions.stream().mapToDouble(p -> p[1]).min().orElse(0);
    double maxLon = positions.stream().mapToDouble(p -> p[1]).max().orElse(0);
    double cos = Math.cos(Math.toRadians((minLat + maxLat) / 2));
    double spanX = Math.max(1e-4, (maxLon - minLon) * cos);
    double spanY = Math.max(1e-4, maxLat - minLat);
    double scale = Math.min((W - 80) / spanX, (h - 60) / spanY);
    for (int i = 0; i < positions.size(); i++) {
      double x = 40 + (positions.get(i)[1] - minLon) * cos * scale;
      double y = h - 30 - (positions.get(i)[0] - minLat) * scale;
      sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#1f5fa8\"><title>%s</title></circle>",
          x, y, esc(labels.get(i))));
      sb.append(text((int) x + 9, (int) y + 4, (i + 1) + "", "start"));
    }
    double kmAcross = spanX * 111.32;
    sb.append(text(12, h - 8, String.format(Locale.ROOT, "about %.1f km across; north is up", kmAcross), "start"));
    return sb.append("</svg>").toString();
  }

  private static String axisLine(int x1, int y1, int x2, int y2) {
    return "<line x1=\"" + x1 + "\" y1=\"" + y1 + "\" x2=\"" + x2 + "\" y2=\"" + y2 + "\" stroke=\"#99a\"/>";
  }

  private static String text(int x, int y, String s, String anchor) {
    return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"12\" text-anchor=\"" + anchor + "\" fill=\"#333\">"
        + esc(s) + "</text>";
  }

  static String fmt(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A camera, or a read taken at a camera, at a position. */
  public record Place(long camera, double lat, double lon, String name) {
  }

  /**
   * Where a plate was seen, on a plain equirectangular plot: red circles sized by the number of
   * reads at each position, labelled with the camera's name; grey dots for the agency's other
   * cameras in view. The view fits the sightings (all cameras when there are none); null when there
   * is no position at all to plot.
   */
  public static String sightings(List<Place> reads, List<Place> cameras) {
    record Spot(double lat, double lon) {
    }
    Map<Spot, Integer> counts = new LinkedHashMap<>();
    Map<Spot, Place> spotCamera = new LinkedHashMap<>();
    for (Place r : reads) {
      Spot spot = new Spot(Math.round(r.lat() * 1e4) / 1e4, Math.round(r.lon() * 1e4) / 1e4);
      counts.merge(spot, 1, Integer::sum);
      spotCamera.putIfAbsent(spot, r);
    }
    double minLat = Double.MAX_VALUE;
    double maxLat = -Double.MAX_VALUE;
    double minLon = Double.MAX_VALUE;
    double maxLon = -Double.MAX_VALUE;
    List<double[]> extent = new ArrayList<>();
    counts.keySet().forEach(sp -> extent.add(new double[] {sp.lat(), sp.lon()}));
    if (extent.isEmpty()) {
      cameras.forEach(c -> extent.add(new double[] {c.lat(), c.lon()}));
    }
    if (extent.isEmpty()) {
      return null;
    }
    for (double[] e : extent) {
      minLat = Math.min(minLat, e[0]);
      maxLat = Math.max(maxLat, e[0]);
      minLon = Math.min(minLon, e[1]);
      maxLon = Math.max(maxLon, e[1]);
    }
    // a margin around the sightings, and at least about half a kilometre across
    double padLat = Math.max((maxLat - minLat) * 0.15, 0.0025);
    double padLon = Math.max((maxLon - minLon) * 0.15, 0.0025);
    minLat -= padLat;
    maxLat += padLat;
    minLon -= padLon;
    maxLon += padLon;
    double w = 600;
    double hgt = 360;
    double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2)); // degrees of longitude are shorter
    double spanX = (maxLon - minLon) * kx;
    double spanY = maxLat - minLat;
    double scale = Math.min(w / spanX, hgt / spanY);
    double offX = (w - spanX * scale) / 2;
    double offY = (hgt - spanY * scale) / 2;
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 360\" role=\"img\" ")
        .append("aria-label=\"Where the plate was seen\"><rect width=\"600\" height=\"360\" fill=\"#f7f7f4\"/>");
    for (Place c : cameras) {
      if (c.lat() < minLat || c.lat() > maxLat || c.lon() < minLon || c.lon() > maxLon) {
        continue;
      }
      double x = offX + (c.lon() - minLon) * kx * scale;
      double y = hgt - (offY + (c.lat() - minLat) * scale);
      s.append(String.format(Locale.ROOT, "<circle class=\"camera\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
          + "fill=\"#aaa\"><title>%s</title></circle>", c.camera(), x, y, esc(c.name())));
    }
    for (Map.Entry<Spot, Integer> e : counts.entrySet()) {
      double x = offX + (e.getKey().lon() - minLon) * kx * scale;
      double y = hgt - (offY + (e.getKey().lat() - minLat) * scale);
      double radius = 6 + 4 * Math.sqrt(e.getValue());
      Place at = spotCamera.get(e.getKey());
      String name = at.name() == null ? "" : at.name();
      s.append(String.format(Locale.ROOT, "<circle class=\"seen\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" "
              + "r=\"%.1f\" fill=\"#c0392b\" fill-opacity=\"0.55\" stroke=\"#c0392b\"><title>%s: %d reads</title></circle>",
          at.camera(), x, y, radius, esc(name), e.getValue()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\" "
          + "fill=\"#fff\">%d</text>", x, y + 4, e.getValue()));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#333\">%s</text>",
          x + radius + 3, y + 3, esc(name)));
    }
    return s.append("</svg>").toString();
  }

  /** Which modules of a QR code are dark. */
  @FunctionalInterface
  public interface Modules {
    boolean dark(int x, int y);
  }

  /** A QR code as SVG: one black path of unit squares on white, six pixels a module, crisp edges. */
  public static String qrCode(Modules modules, int width, int height) {
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (modules.dark(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + width + " " + height + "\" width=\""
        + width * 6 + "\" height=\"" + height * 6 + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
  }

  /** Escapes text and attribute values inside a chart. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}

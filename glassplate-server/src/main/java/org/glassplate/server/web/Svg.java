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

  /** A box in degrees, as an area search takes it. */
  public record Box(double south, double west, double north, double east) {
  }

  private static final double PLOT_W = 600;
  private static final double PLOT_H = 360;
  private static final double METRES_PER_DEGREE = 111_320;

  /**
   * How degrees become the plot's pixels: equirectangular, north up, a degree of longitude shortened
   * by the cosine of the latitude, fitted to an extent with a margin (at least {@code minPad} degrees).
   */
  private record Projection(double minLat, double minLon, double kx, double scale, double offX, double offY) {
    static Projection fit(List<double[]> extent, double minPad) {
      double minLat = Double.MAX_VALUE;
      double maxLat = -Double.MAX_VALUE;
      double minLon = Double.MAX_VALUE;
      double maxLon = -Double.MAX_VALUE;
      for (double[] e : extent) {
        minLat = Math.min(minLat, e[0]);
        maxLat = Math.max(maxLat, e[0]);
        minLon = Math.min(minLon, e[1]);
        maxLon = Math.max(maxLon, e[1]);
      }
      double padLat = Math.max((maxLat - minLat) * 0.15, minPad);
      double padLon = Math.max((maxLon - minLon) * 0.15, minPad);
      minLat -= padLat;
      maxLat += padLat;
      minLon -= padLon;
      maxLon += padLon;
      double kx = Math.cos(Math.toRadians((minLat + maxLat) / 2)); // degrees of longitude are shorter
      double spanX = (maxLon - minLon) * kx;
      double spanY = maxLat - minLat;
      double scale = Math.min(PLOT_W / spanX, PLOT_H / spanY);
      return new Projection(minLat, minLon, kx, scale, (PLOT_W - spanX * scale) / 2, (PLOT_H - spanY * scale) / 2);
    }

    double x(double lon) {
      return offX + (lon - minLon) * kx * scale;
    }

    double y(double lat) {
      return PLOT_H - (offY + (lat - minLat) * scale);
    }

    boolean inView(double lat, double lon) {
      double x = x(lon);
      double y = y(lat);
      return x >= 0 && x <= PLOT_W && y >= 0 && y <= PLOT_H;
    }

    /** The projection, for a script that turns a box drawn on the plot back into degrees. */
    String dataAttributes() {
      return String.format(Locale.ROOT, " data-min-lat=\"%.7f\" data-min-lon=\"%.7f\" data-kx=\"%.9f\" "
          + "data-scale=\"%.4f\" data-off-x=\"%.3f\" data-off-y=\"%.3f\" data-height=\"%.0f\"", minLat, minLon, kx,
          scale, offX, offY, PLOT_H);
    }

    /** A scale bar of a round distance about a fifth of the plot wide, bottom left, and where north is. */
    String scaleBar() {
      double metresPerPx = METRES_PER_DEGREE / scale;
      double target = metresPerPx * PLOT_W / 5;
      double[] steps = {10, 20, 25, 50, 100, 200, 250, 500, 1_000, 2_000, 2_500, 5_000, 10_000, 20_000, 25_000,
          50_000, 100_000, 200_000, 250_000, 500_000, 1_000_000};
      double metres = steps[0];
      for (double st : steps) {
        if (st <= target) {
          metres = st;
        }
      }
      double px = metres / metresPerPx;
      String label = metres >= 1000 ? fmtNumber(metres / 1000) + " km" : fmtNumber(metres) + " m";
      double x0 = 12;
      double y0 = PLOT_H - 14;
      return String.format(Locale.ROOT, "<g class=\"scale\" data-metres=\"%.0f\" data-pixels=\"%.1f\">"
              + "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"24\" fill=\"#fff\" fill-opacity=\"0.8\"/>"
              + "<path d=\"M%.1f %.1fv6h%.1fv-6\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\"/>"
              + "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" fill=\"#333\">%s</text></g>"
              + "<text class=\"north\" x=\"%.1f\" y=\"18\" font-size=\"11\" text-anchor=\"end\" fill=\"#333\">"
              + "&#8593; north</text>",
          metres, px, x0 - 4, y0 - 14, px + 60, x0, y0 - 4, px, x0 + px + 5, y0 + 2, esc(label), PLOT_W - 8);
    }
  }

  private static String fmtNumber(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }

  /**
   * Where a plate was seen, on a plain equirectangular plot (north up, with a scale bar): one red
   * circle per camera that read it, at the camera's own position, sized by its number of reads and
   * labelled with the camera's name and that number (labels kept apart so that they stay readable);
   * grey dots for the agency's other cameras in view. A read of a camera that is not in
   * {@code cameras} is placed at the mean of that camera's read positions. The view fits the
   * sightings (all cameras when there are none); null when there is no position at all to plot.
   */
  public static String sightings(List<Place> reads, List<Place> cameras) {
    Map<Long, Place> cameraById = new LinkedHashMap<>();
    cameras.forEach(c -> cameraById.put(c.camera(), c));
    Map<Long, double[]> sums = new LinkedHashMap<>(); // lat sum, lon sum, reads
    Map<Long, String> names = new LinkedHashMap<>();
    for (Place r : reads) {
      double[] sum = sums.computeIfAbsent(r.camera(), k -> new double[3]);
      sum[0] += r.lat();
      sum[1] += r.lon();
      sum[2]++;
      names.putIfAbsent(r.camera(), r.name());
    }
    record Group(long camera, String name, double lat, double lon, int reads) {
    }
    List<Group> groups = new ArrayList<>();
    for (Map.Entry<Long, double[]> e : sums.entrySet()) {
      Place c = cameraById.get(e.getKey());
      double[] sum = e.getValue();
      String name = c != null ? c.name() : names.get(e.getKey());
      groups.add(c != null ? new Group(e.getKey(), name, c.lat(), c.lon(), (int) sum[2])
          : new Group(e.getKey(), name, sum[0] / sum[2], sum[1] / sum[2], (int) sum[2]));
    }
    groups.sort((a, b) -> Integer.compare(b.reads(), a.reads()));
    List<double[]> extent = new ArrayList<>();
    groups.forEach(g -> extent.add(new double[] {g.lat(), g.lon()}));
    if (extent.isEmpty()) {
      cameras.forEach(c -> extent.add(new double[] {c.lat(), c.lon()}));
    }
    if (extent.isEmpty()) {
      return null;
    }
    // a margin around the sightings, and at least about half a kilometre across
    Projection p = Projection.fit(extent, 0.0025);
    StringBuilder s = new StringBuilder();
    String summary = groups.isEmpty() ? "no sightings; the agency's cameras"
        : "seen at " + groups.size() + (groups.size() == 1 ? " camera: " : " cameras: ") + String.join(", ",
            groups.stream().map(g -> (g.name() == null ? "camera " + g.camera() : g.name()) + " (" + reads(g.reads())
                + ")").toList());
    s.append("<svg id=\"plot\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 360\" role=\"img\" ")
        .append("aria-label=\"").append(esc("Where the plate was seen: " + summary)).append("\">")
        .append("<rect width=\"600\" height=\"360\" fill=\"#f7f7f4\"/>");
    for (Place c : cameras) {
      if (!p.inView(c.lat(), c.lon())) {
        continue;
      }
      s.append(String.format(Locale.ROOT, "<circle class=\"camera\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
          + "fill=\"#999\"><title>%s</title></circle>", c.camera(), p.x(c.lon()), p.y(c.lat()), esc(c.name())));
    }
    List<double[]> taken = new ArrayList<>(); // boxes of labels and circles: x, y, width, height
    List<String> labels = new ArrayList<>();
    for (Group g : groups) {
      double x = p.x(g.lon());
      double y = p.y(g.lat());
      double radius = Math.min(28, 7 + 3 * Math.sqrt(g.reads()));
      taken.add(new double[] {x - radius, y - radius, 2 * radius, 2 * radius});
      String name = g.name() == null || g.name().isBlank() ? "camera " + g.camera() : g.name();
      s.append(String.format(Locale.ROOT, "<circle class=\"seen\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" "
              + "r=\"%.1f\" fill=\"#c0392b\" fill-opacity=\"0.6\" stroke=\"#8e2a20\"><title>%s: %s</title></circle>",
          g.camera(), x, y, radius, esc(name), reads(g.reads())));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" font-weight=\"bold\" "
          + "text-anchor=\"middle\" fill=\"#fff\" pointer-events=\"none\">%d</text>", x, y + 4, g.reads()));
    }
    // labels after every circle, so that a label is never hidden under another camera's circle
    for (Group g : groups) {
      double x = p.x(g.lon());
      double y = p.y(g.lat());
      double radius = Math.min(28, 7 + 3 * Math.sqrt(g.reads()));
      String name = g.name() == null || g.name().isBlank() ? "camera " + g.camera() : g.name();
      String text = name + " · " + reads(g.reads());
      labels.add(label(g.camera(), text, x, y, radius, taken));
    }
    labels.forEach(s::append);
    s.append(p.scaleBar());
    return s.append("</svg>").toString();
  }

  private static String reads(int n) {
    return n + (n == 1 ? " read" : " reads");
  }

  /**
   * A label beside a circle, with a white halo: right of it, else left, above or below, whichever
   * first overlaps no label or circle already placed and stays inside the plot; else the least
   * crowded of them.
   */
  private static String label(long camera, String text, double x, double y, double radius, List<double[]> taken) {
    double w = text.length() * 6.3 + 4;
    double h = 14;
    double[][] candidates = {
        {x + radius + 4, y - h / 2}, {x - radius - 4 - w, y - h / 2}, {x - w / 2, y - radius - 4 - h},
        {x - w / 2, y + radius + 4}, {x + radius + 2, y - radius - h}, {x + radius + 2, y + radius},
        {x - radius - 2 - w, y - radius - h}, {x - radius - 2 - w, y + radius}};
    double[] best = null;
    int bestOverlaps = Integer.MAX_VALUE;
    for (double[] c : candidates) {
      double cx = Math.max(2, Math.min(PLOT_W - w - 2, c[0]));
      double cy = Math.max(2, Math.min(PLOT_H - h - 30, c[1]));
      int overlaps = 0;
      for (double[] t : taken) {
        if (cx < t[0] + t[2] && t[0] < cx + w && cy < t[1] + t[3] && t[1] < cy + h) {
          overlaps++;
        }
      }
      if (overlaps < bestOverlaps) {
        best = new double[] {cx, cy};
        bestOverlaps = overlaps;
        if (overlaps == 0) {
          break;
        }
      }
    }
    taken.add(new double[] {best[0], best[1], w, h});
    return String.format(Locale.ROOT, "<text class=\"label\" data-camera=\"%d\" x=\"%.1f\" y=\"%.1f\" "
        + "font-size=\"11\" fill=\"#1d2230\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\" "
        + "data-width=\"%.1f\">%s</text>", camera, best[0] + 2, best[1] + h - 3, w, esc(text));
  }

  /**
   * The agency's cameras on the same plain plot, to choose an area by drawing a box on it (the
   * search page's script reads the projection from the plot's data attributes); {@code box}, when
   * given, is drawn as the area chosen. Null when there is no camera.
   */
  public static String areaPicker(List<Place> cameras, Box box) {
    List<double[]> extent = new ArrayList<>();
    cameras.forEach(c -> extent.add(new double[] {c.lat(), c.lon()}));
    if (extent.isEmpty()) {
      return null;
    }
    Projection p = Projection.fit(extent, 0.004);
    StringBuilder s = new StringBuilder();
    s.append("<svg id=\"area-map\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 360\" role=\"img\" ")
        .append("aria-label=\"The agency's cameras: drag a box to choose an area\"").append(p.dataAttributes())
        .append("><rect width=\"600\" height=\"360\" fill=\"#f7f7f4\"/>");
    List<double[]> taken = new ArrayList<>();
    for (Place c : cameras) {
      taken.add(new double[] {p.x(c.lon()) - 5, p.y(c.lat()) - 5, 10, 10});
    }
    for (Place c : cameras) {
      s.append(String.format(Locale.ROOT, "<circle class=\"camera\" data-camera=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
          + "fill=\"#1f5fa8\"><title>%s</title></circle>", c.camera(), p.x(c.lon()), p.y(c.lat()), esc(c.name())));
    }
    for (Place c : cameras) {
      s.append(label(c.camera(), c.name(), p.x(c.lon()), p.y(c.lat()), 5, taken));
    }
    if (box != null) {
      double x1 = p.x(box.west());
      double x2 = p.x(box.east());
      double y1 = p.y(box.north());
      double y2 = p.y(box.south());
      s.append(String.format(Locale.ROOT, "<rect id=\"area-box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
          + "fill=\"#1f5fa8\" fill-opacity=\"0.12\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>", Math.min(x1, x2),
          Math.min(y1, y2), Math.abs(x2 - x1), Math.abs(y2 - y1)));
    }
    s.append(p.scaleBar());
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

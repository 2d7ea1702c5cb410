package org.glassplate.server.transparency.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.glassplate.server.web.Layout;

/**
 * The view model of {@code transparency/page.jte}: the report model that {@code /transparency.json}
 * answers with, read by JSON path, and the charts drawn from it. Every figure the page shows is a
 * {@link Figure} naming its JSON path ({@code data-figure="json.path"}), so anyone (and the browser
 * test) can check the page against the JSON twin.
 */
public record TransparencyView(Layout layout, Map<String, Object> report, String searchesPerDay, String readsPerDay,
    String refusedByReason, String cameraMap) {

  /** A figure: its JSON path, and its text (numbers with thousands separators). */
  public record Figure(String path, String text) {
  }

  /** A summary tile: a figure and what it counts. */
  public record Tile(String path, String label) {
  }

  /** Figures added by features that publish them; shown when present. */
  static final List<Tile> SUMMARY_EXTRA = List.of(
      new Tile("hits.last30Days", "hot-list hits"),
      new Tile("searches.last30Days", "searches run"),
      new Tile("searches.refusedLast30Days", "searches refused"),
      new Tile("partnerQueries.last30Days", "queries by partner agencies"),
      new Tile("holds.active", "legal holds in force"));

  public Figure fig(String path) {
    Object value = at(report, path);
    String text = value instanceof Number n && !(value instanceof Double)
        ? String.format(Locale.ROOT, "%,d", n.longValue()) : String.valueOf(value);
    return new Figure(path, text);
  }

  /** The figure's value as text, unformatted. */
  public String text(String path) {
    return String.valueOf(at(report, path));
  }

  /** How many items the list at this path has (none when it is missing). */
  public int count(String path) {
    return at(report, path) instanceof List<?> l ? l.size() : 0;
  }

  /** The keys of the object at this path, in the report's order. */
  @SuppressWarnings("unchecked")
  public Set<String> keys(String path) {
    return at(report, path) instanceof Map<?, ?> m ? ((Map<String, Object>) m).keySet() : Set.of();
  }

  /** The summary tiles of the figures that features publish, those present only. */
  public List<Tile> summaryExtra() {
    return SUMMARY_EXTRA.stream().filter(t -> at(report, t.path()) != null).toList();
  }

  public boolean active(int camera) {
    return Boolean.TRUE.equals(at(report, "cameras.locations." + camera + ".active"));
  }

  /** The {@code auditBefore} of the page of older audit entries, or null on the oldest page. */
  public Long olderEntriesBefore() {
    int rows = count("audit.browse.entries");
    long first = ((Number) at(report, "audit.browse.first")).longValue();
    if (rows == 0 || first <= 0) {
      return null;
    }
    return ((Number) at(report, "audit.browse.entries." + (rows - 1) + ".index")).longValue() - 1;
  }

  /** Whether newer audit entries exist than this page shows. */
  public boolean newerEntries() {
    return count("audit.browse.entries") > 0
        && ((Number) at(report, "audit.browse.first")).longValue()
        < ((Number) at(report, "audit.browse.newest")).longValue();
  }

  @SuppressWarnings("unchecked")
  static Object at(Map<String, Object> model, String path) {
    Object cur = model;
    for (String p : path.split("\\.")) {
      if (cur instanceof Map) {
        cur = ((Map<String, Object>) cur).get(p);
      } else if (cur instanceof List<?> l && p.chars().allMatch(Character::isDigit)) {
        int i = Integer.parseInt(p);
        cur = i < l.size() ? l.get(i) : null;
      } else {
        return null;
      }
    }
    return cur;
  }

  @SuppressWarnings("unchecked")
  static Map<LocalDate, Long> series(Object perDay) {
    Map<LocalDate, Long> out = new LinkedHashMap<>();
    if (perDay instanceof Map<?, ?> m) {
      ((Map<String, Object>) m).forEach((k, val) -> out.put(LocalDate.parse(k), ((Number) val).longValue()));
    }
    return out;
  }

  /** The cameras' positions and names, for the map. */
  @SuppressWarnings("unchecked")
  static List<double[]> positions(Map<String, Object> model, List<String> labels) {
    List<double[]> pos = new ArrayList<>();
    Object locs = at(model, "cameras.locations");
    if (locs instanceof List<?> l) {
      for (Object o : l) {
        Map<String, Object> c = (Map<String, Object>) o;
        pos.add(new double[] {((Number) c.get("lat")).doubleValue(), ((Number) c.get("lon")).doubleValue()});
        labels.add(String.valueOf(c.get("name")));
      }
    }
    return pos;
  }
}

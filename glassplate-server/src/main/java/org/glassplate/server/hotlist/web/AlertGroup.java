package org.glassplate.server.hotlist.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.glassplate.server.hotlist.Alert;

/**
 * The hits on one plate (and state) that the operator page shows together, newest first: a plate
 * seen by three cameras in ten minutes is one group of three, not three separate alerts.
 *
 * @param key the plate and state, as {@code operator.js} finds the group of a new alert from the stream
 */
public record AlertGroup(String key, List<AlertCard> hits) {

  public AlertGroup {
    hits = List.copyOf(hits);
  }

  /** The plate and state an alert is grouped by; the script builds the same key. */
  static String key(String plate, String state) {
    return (plate == null ? "" : plate) + "|" + (state == null ? "" : state);
  }

  /**
   * Groups alerts given newest first by plate, in the order of each plate's newest hit; {@code cards}
   * makes an alert's card, told whether it is the newest of its group.
   */
  static List<AlertGroup> of(List<Alert> newestFirst, BiFunction<Alert, Boolean, AlertCard> cards) {
    Map<String, List<AlertCard>> byPlate = new LinkedHashMap<>();
    for (Alert a : newestFirst) {
      List<AlertCard> hits = byPlate.computeIfAbsent(key(a.plate(), a.state()), k -> new ArrayList<>());
      hits.add(cards.apply(a, hits.isEmpty()));
    }
    List<AlertGroup> out = new ArrayList<>();
    byPlate.forEach((k, hits) -> out.add(new AlertGroup(k, hits)));
    return out;
  }

  /** The group the script fills in for a plate first seen on the stream. */
  static AlertGroup blank() {
    return new AlertGroup("", List.of());
  }

  public int count() {
    return hits.size();
  }
}

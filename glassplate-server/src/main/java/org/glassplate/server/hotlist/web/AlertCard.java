package org.glassplate.server.hotlist.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.LongFunction;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.MatchKind;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.web.ShownTime;

/**
 * One alert as its card shows it ({@code hotlist/alert.jte}): the server renders the latest alerts
 * with it, and {@code operator.js} clones the blank card (in a {@code <template>} element) for each new
 * one from the stream. Every card carries the "verify before action" banner (R-HOT-3); a verified
 * card is folded to one line that says what was found, by whom (their name) and their note.
 *
 * @param kind the match kind's code; {@code strong} when it is not an exact match
 * @param seen when the camera saw the plate, in the agency's time zone
 * @param age how long ago that was ("3 min ago") when the page was rendered
 * @param camera the camera's name
 * @param place where the plate was seen (latitude, longitude), or where the camera is when the read has no position
 * @param confidence "confidence 93%", or null when the camera gave none
 * @param open whether the card is shown unfolded: the newest unverified hit on its plate
 * @param verified the verification recorded, or null when none is
 */
public record AlertCard(long id, String kind, boolean strong, String banner, String plate, String state,
    String kindLabel, ShownTime seen, String age, String camera, String place, String confidence, String listed,
    String reason, boolean open, Verified verified) {

  /** A recorded verification as a person reads it: never the pseudonym {@code user:<n>}. */
  public record Verified(String outcome, String by, ShownTime at, String note) {
  }

  /** The card of an alert; {@code names} gives a person's name by account id. */
  static AlertCard of(Alert a, Camera camera, boolean newest, ZoneId zone, Instant now, LongFunction<String> names) {
    Alert.Verification v = a.verification();
    Double lat = a.lat() != null ? a.lat() : camera == null ? null : camera.lat();
    Double lon = a.lon() != null ? a.lon() : camera == null ? null : camera.lon();
    return new AlertCard(a.id(), a.matchKind().code(), a.matchKind() != MatchKind.EXACT, a.banner(), a.plate(),
        a.state(), kindLabel(a.matchKind()), ShownTime.of(a.capturedAt(), zone), Ago.since(a.capturedAt(), now),
        camera == null ? "camera " + a.cameraId() : camera.name(), place(lat, lon),
        a.confidence() == null ? null : "confidence " + Math.round(a.confidence()) + "%",
        a.entryPlate() + " " + (a.entryState() == null ? "(any state)" : a.entryState()) + " on " + a.listName()
            + " (" + a.source().code() + ")",
        a.reason().label(), newest && v == null, v == null ? null
            : new Verified(v.outcome().label(), names.apply(v.verifiedById()), ShownTime.of(v.verifiedAt(), zone),
                v.note() == null || v.note().isBlank() ? null : v.note()));
  }

  /** The card the script fills in for an alert that arrives on the stream. */
  static AlertCard blank() {
    return new AlertCard(0, "", false, "", "", "", "", new ShownTime("", "", ""), "", "", "", "", "", "", true,
        null);
  }

  static String place(Double lat, Double lon) {
    return lat == null || lon == null ? null : String.format(Locale.ROOT, "%.5f, %.5f", lat, lon);
  }

  static String kindLabel(MatchKind k) {
    return switch (k) {
      case EXACT -> "exact match";
      case LOOKALIKE -> "look-alike match";
      case PARTIAL -> "partial match";
    };
  }
}

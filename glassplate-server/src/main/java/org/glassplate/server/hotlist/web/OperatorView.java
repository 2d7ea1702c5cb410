package org.glassplate.server.hotlist.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/**
 * The view model of {@code hotlist/operator.jte}: the latest alerts grouped by plate, the newest
 * one's id (the stream resumes after it), the blank group and card new alerts are made from, and
 * what the page's script needs to show a new alert as the server would.
 *
 * @param unverifiedOnly whether only the alerts nobody has verified yet are shown
 * @param unverified how many alerts nobody has verified yet
 * @param zoneId the agency's time zone, in which the script shows times
 * @param now the server's time at render (ISO-8601), so the script's "3 min ago" is not off by the browser's clock
 * @param me the signed-in person's name: who the script says verified an alert they verify
 * @param cameras the cameras, by which the script names the camera of a new alert
 * @param message what the last verification sent without the script did, or null
 * @param refusal why it was refused, or null
 */
public record OperatorView(Layout layout, List<AlertGroup> groups, long lastAlertId, AlertGroup blankGroup,
    AlertCard blank, boolean unverifiedOnly, long unverified, String zoneId, String now, String me,
    List<CameraPlace> cameras, String message, RefusalView refusal) {

  public OperatorView {
    groups = List.copyOf(groups);
    cameras = List.copyOf(cameras);
  }

  /** A camera as a card names it; {@code place} is where it stands (latitude, longitude). */
  public record CameraPlace(long id, String name, String place) {
  }

  /** Whether no alert is shown. */
  public boolean empty() {
    return groups.isEmpty();
  }
}

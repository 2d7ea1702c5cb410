package org.glassplate.server.hotlist.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.HotlistSource;
import org.glassplate.server.hotlist.MatchKind;
import org.glassplate.server.hotlist.ReasonCategory;
import org.glassplate.server.hotlist.VerificationOutcome;
import org.junit.jupiter.api.Test;

/** Repeat hits on one plate are one group on the operator page; verified cards fold and name the verifier. */
class AlertGroupTest {
  private static final Instant NOW = Instant.parse("2026-05-01T17:15:42Z");
  private static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

  private static Alert alert(long id, String plate, String state, Alert.Verification v) {
    return new Alert(id, id * 10, 7, plate, state, NOW.minusSeconds(60 * id), 36.76, -119.79, 91.6, 1, "Local",
        HotlistSource.LOCAL, 5, plate, state, ReasonCategory.STOLEN_VEHICLE, MatchKind.EXACT, NOW, v);
  }

  private static AlertCard card(Alert a, boolean newest) {
    return AlertCard.of(a, null, newest, ZONE, NOW, id -> "Person " + id);
  }

  @Test
  void groupsHitsByPlateAndStateInTheOrderOfEachPlatesNewestHit() {
    List<AlertGroup> groups = AlertGroup.of(List.of(alert(1, "ABC123", "CA", null), alert(2, "XYZ9", "WA", null),
        alert(3, "ABC123", "CA", null), alert(4, "ABC123", "NV", null)), AlertGroupTest::card);

    assertThat(groups).extracting(AlertGroup::key).containsExactly("ABC123|CA", "XYZ9|WA", "ABC123|NV");
    assertThat(groups.get(0).hits()).extracting(AlertCard::id).containsExactly(1L, 3L);
    assertThat(groups.get(0).hits()).extracting(AlertCard::open).containsExactly(true, false);
    assertThat(groups.get(0).count()).isEqualTo(2);
  }

  @Test
  void aVerifiedCardIsFoldedAndNamesItsVerifierNotTheirPseudonym() {
    Alert.Verification v = new Alert.Verification(VerificationOutcome.MISREAD, "user:2", NOW, 2, "the 8 was a B");

    AlertCard c = card(alert(1, "ABC123", "CA", v), true);

    assertThat(c.open()).isFalse();
    assertThat(c.verified()).isEqualTo(new AlertCard.Verified("Misread", "Person 2",
        org.glassplate.server.web.ShownTime.of(NOW, ZONE), "the 8 was a B"));
    assertThat(c.seen().text()).isEqualTo("2026-05-01 10:14:42 PDT");
    assertThat(c.age()).isEqualTo("1 min ago");
    assertThat(c.camera()).isEqualTo("camera 7");
    assertThat(c.place()).isEqualTo("36.76000, -119.79000");
    assertThat(c.confidence()).isEqualTo("confidence 92%");
  }
}

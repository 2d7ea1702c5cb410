package org.glassplate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's options: {@code --partners} takes 1 to 3 (DESIGN.md, "The fixed contract"); anything else is a usage error. */
class LauncherOptionsTest {
  static final List<String> DEMO = List.of("--port", "--data", "--rate", "--partners", "--history-days", "--parent-pid");

  @Test
  void takesOneToThreePartnersAndNoneWithoutTheOption() {
    record Case(String[] args, int want) {
    }
    for (Case c : List.of(new Case(new String[] {}, 0), new Case(new String[] {"--partners", "1"}, 1),
        new Case(new String[] {"--partners=2"}, 2), new Case(new String[] {"--port", "9", "--partners", "3"}, 3))) {
      Map<String, String> opts = Launcher.options(c.args(), DEMO);
      assertEquals(c.want(), Launcher.partners(opts), String.join(" ", c.args()));
    }
  }

  @Test
  void refusesAPartnerCountOutOfRangeNamingTheOption() {
    for (String bad : List.of("0", "4", "-1", "two", "", "1.5")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Launcher.partners(Map.of("--partners", bad)), bad);
      assertTrue(e.getMessage().contains("--partners must be a number from 1 to 3"), e.getMessage());
    }
  }

  @Test
  void partnersIsNoOptionOfServeAndNeedsAValue() {
    assertNull(Launcher.options(new String[] {"--partners", "1"}, List.of("--port", "--data")));
    assertNull(Launcher.options(new String[] {"--partners"}, DEMO));
  }

  @Test
  void theHistoryIsThirtyDaysUnlessSaidAndZeroToSixty() {
    assertEquals(30, Launcher.historyDays(Launcher.options(new String[] {}, DEMO)));
    assertEquals(0, Launcher.historyDays(Launcher.options(new String[] {"--history-days", "0"}, DEMO)));
    assertEquals(60, Launcher.historyDays(Launcher.options(new String[] {"--history-days=60"}, DEMO)));
    for (String bad : List.of("-1", "61", "thirty", "")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Launcher.historyDays(Map.of("--history-days", bad)), bad);
      assertTrue(e.getMessage().contains("--history-days must be a number of days from 0 to 60"), e.getMessage());
    }
    assertNull(Launcher.options(new String[] {"--history-days", "3"}, List.of("--port", "--data")),
        "not an option of serve");
  }

  @Test
  void migratesAsTheOwnerRoleWhenGivenAndSaysWhyOneRoleIsWeakerWhenNot() {
    record Case(Map<String, String> opts, List<String> want, boolean warned) {
    }
    Map<String, String> base = Map.of("--db-url", "jdbc:postgresql://db:5432/gp", "--db-user", "gp_app",
        "--db-password", "a");
    Map<String, String> withOwner = new java.util.HashMap<>(base);
    withOwner.put("--db-owner-user", "gp_owner");
    withOwner.put("--db-owner-password", "b");
    List<String> app = List.of("--spring.datasource.url=jdbc:postgresql://db:5432/gp?logServerErrorDetail=false",
        "--spring.datasource.username=gp_app", "--spring.datasource.password=a");
    List<String> owner = new java.util.ArrayList<>(app);
    owner.addAll(List.of("--spring.flyway.user=gp_owner", "--spring.flyway.password=b"));
    for (Case c : List.of(new Case(base, app, true), new Case(withOwner, owner, false))) {
      java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
      List<String> got = Launcher.externalDatabase(c.opts(), new java.io.PrintStream(err, true));
      assertEquals(c.want(), got);
      assertEquals(c.warned(), err.toString().contains("could disable the audit log's triggers"), err.toString());
    }
  }
}

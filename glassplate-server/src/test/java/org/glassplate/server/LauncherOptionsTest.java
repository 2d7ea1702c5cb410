package org.glassplate.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
      List<String> got = Launcher.externalDatabase(c.opts(), Map.of(), new java.io.PrintStream(err, true));
      assertEquals(c.want(), got);
      assertEquals(c.warned(), err.toString().contains("could disable the audit log's triggers"), err.toString());
    }
  }

  @Test
  void thePasswordsComeFromAFileOrTheEnvironmentSoThatPsDoesNotShowThem(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path app = Files.writeString(dir.resolve("app.pw"), "s3cret app\nignored second line\n");
    Path owner = Files.writeString(dir.resolve("owner.pw"), "owner pw");
    Map<String, String> files = Map.of("--db-url", "jdbc:postgresql://db/gp", "--db-user", "gp_app",
        "--db-password-file", app.toString(), "--db-owner-user", "gp_owner", "--db-owner-password-file",
        owner.toString());
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    List<String> got = Launcher.externalDatabase(files, Map.of("GLASSPLATE_DB_PASSWORD", "from env"),
        new java.io.PrintStream(err, true));
    assertTrue(got.contains("--spring.datasource.password=s3cret app"), got.toString());
    assertTrue(got.contains("--spring.flyway.password=owner pw"), got.toString());
    assertEquals("", err.toString(), "nothing to warn about");

    Map<String, String> none = Map.of("--db-url", "jdbc:postgresql://db/gp", "--db-user", "gp_app",
        "--db-owner-user", "gp_owner");
    err.reset();
    got = Launcher.externalDatabase(none, Map.of("GLASSPLATE_DB_PASSWORD", "env app", "GLASSPLATE_DB_OWNER_PASSWORD",
        "env owner"), new java.io.PrintStream(err, true));
    assertTrue(got.contains("--spring.datasource.password=env app"), got.toString());
    assertTrue(got.contains("--spring.flyway.password=env owner"), got.toString());
    assertEquals("", err.toString());

    Map<String, String> onTheLine = Map.of("--db-url", "jdbc:postgresql://db/gp", "--db-user", "gp_app",
        "--db-password", "typed", "--db-owner-user", "gp_owner", "--db-owner-password", "typed too");
    err.reset();
    got = Launcher.externalDatabase(onTheLine, Map.of("GLASSPLATE_DB_PASSWORD", "env app"),
        new java.io.PrintStream(err, true));
    assertTrue(got.contains("--spring.datasource.password=typed"), "an option given wins over the environment");
    assertTrue(err.toString().contains("--db-password on the command line can be read by any local user"),
        err.toString());
    assertTrue(err.toString().contains("--db-owner-password on the command line"), err.toString());
    assertTrue(!err.toString().contains("typed"), "the warning never repeats the password");

    Map<String, String> both = new java.util.HashMap<>(files);
    both.put("--db-password", "typed");
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> Launcher.externalDatabase(both, Map.of(), new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
    assertTrue(twice.getMessage().contains("--db-password or --db-password-file, not both"), twice.getMessage());

    Path empty = Files.writeString(dir.resolve("empty.pw"), "");
    for (Path bad : List.of(empty, dir.resolve("missing.pw"))) {
      Map<String, String> opts = Map.of("--db-url", "jdbc:postgresql://db/gp", "--db-user", "gp_app",
          "--db-password-file", bad.toString(), "--db-owner-user", "o");
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Launcher.externalDatabase(opts, Map.of(), new java.io.PrintStream(new java.io.ByteArrayOutputStream())));
      assertTrue(e.getMessage().startsWith("--db-password-file " + bad), e.getMessage());
    }
    assertNotNull(Launcher.options(new String[] {"--db-url", "u", "--db-password-file", "f"},
        Launcher.DATABASE_OPTIONS));
  }
}

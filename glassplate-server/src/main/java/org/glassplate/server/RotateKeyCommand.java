package org.glassplate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.glassplate.server.audit.LogKeyRotation;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code glassplate audit rotate-key [--data DIR | --db-url URL --db-user U --db-password-file F] [--origin O]
 * [--keep-old-key FILE]} (issue 18): moves the audit log to a new Ed25519 key and origin
 * ({@link LogKeyRotation}), with every server stopped. It refuses while a server runs on DIR (the data
 * directory's lock) or on the database (the audit sequencer's lock). The old private key is destroyed (its
 * file replaced by the new key), or moved to {@code --keep-old-key FILE} for custody offline; its public
 * key stays in the log, in the announcement and at {@code GET /api/v1/audit/origins}.
 */
final class RotateKeyCommand {
  static final int OK = 0;
  static final int REFUSED = 1;
  static final int USAGE = 2;
  static final String USAGE_LINE = "usage: glassplate audit rotate-key [--data DIR | --db-url URL --db-user U "
      + "--db-password-file F [--db-owner-user O --db-owner-password-file G]] [--origin ORIGIN] [--keep-old-key FILE]"
      + " (passwords as for serve: files, GLASSPLATE_DB_PASSWORD and GLASSPLATE_DB_OWNER_PASSWORD, or options)";

  private RotateKeyCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err, Clock clock) {
    List<String> known = new ArrayList<>(List.of("--data", "--origin", "--keep-old-key"));
    known.addAll(Launcher.DATABASE_OPTIONS);
    Map<String, String> opts = Launcher.options(args, known);
    if (opts == null) {
      err.println(USAGE_LINE);
      return USAGE;
    }
    Path data = Path.of(opts.getOrDefault("--data", "glassplate-data")).toAbsolutePath().normalize();
    Path keyFile = data.resolve("audit-signer.key");
    if (!Files.isRegularFile(keyFile)) {
      err.println("glassplate: no audit signer key in " + data + ": give the data directory of the server (--data DIR)");
      return USAGE;
    }
    Path keep = opts.containsKey("--keep-old-key") ? Path.of(opts.get("--keep-old-key")).toAbsolutePath() : null;
    EmbeddedDatabase embedded = null;
    boolean locked = EmbeddedDatabase.holdsLock();
    try {
      String url;
      String appUser;
      String appPassword;
      String owner;
      String ownerPassword;
      if (opts.containsKey("--db-url")) {
        url = Launcher.withSafeErrors(opts.get("--db-url"));
        appUser = opts.getOrDefault("--db-user", "");
        appPassword = Launcher.password(opts, System.getenv(), "--db-password", "GLASSPLATE_DB_PASSWORD", err);
        owner = opts.getOrDefault("--db-owner-user", appUser);
        ownerPassword = opts.containsKey("--db-owner-user")
            ? Launcher.password(opts, System.getenv(), "--db-owner-password", "GLASSPLATE_DB_OWNER_PASSWORD", err)
            : appPassword;
      } else {
        try {
          embedded = EmbeddedDatabase.start(data);
        } catch (EmbeddedDatabase.DataDirectoryInUse e) {
          err.println("glassplate: rotate-key refused: a server is running on " + data + " (" + e.getMessage()
              + "); stop it first: the log's key changes only while no server signs with it");
          return REFUSED;
        }
        EmbeddedDatabase.Credentials db = embedded.credentials();
        url = Launcher.withSafeErrors(db.url());
        appUser = EmbeddedDatabase.APP_USER;
        appPassword = db.appPassword();
        owner = EmbeddedDatabase.USER;
        ownerPassword = db.ownerPassword();
      }
      Flyway.configure().dataSource(url, owner, ownerPassword).locations("classpath:db/migration").outOfOrder(true)
          .callbacks(new ApplicationRoleGrants(appUser)).load().migrate();
      DriverManagerDataSource ds = new DriverManagerDataSource(url, appUser, appPassword);
      LogKeyRotation.Result r = LogKeyRotation.rotate(ds, keyFile, opts.get("--origin"), keep,
          data.resolve("audit-published.checkpoint"), clock);
      out.println("origin " + r.oldOrigin() + " ended at size " + r.finalSize() + "; its last entry (index "
          + (r.finalSize() - 1) + ") announces the new origin and key, in its final checkpoint signed with the old key "
          + r.oldKey());
      out.println("old key: " + (r.keptOldKey() == null ? "destroyed (its file replaced by the new key)"
          : "moved to " + r.keptOldKey() + ": keep it offline, then destroy it"));
      out.println("give the log's witnesses the new key; auditors follow the move with audit verify "
          + "--trusted-checkpoint");
      out.println("rotated: origin " + r.newOrigin() + " key " + r.newKey() + " size " + r.size());
      return OK;
    } catch (LogKeyRotation.Refused e) {
      err.println("glassplate: rotate-key refused, nothing changed: " + e.getMessage());
      return REFUSED;
    } catch (IllegalStateException | IllegalArgumentException e) {
      // a refusal of the rotation, or a password file that cannot be read: said by name, no row values
      err.println("glassplate: rotate-key refused, nothing changed: " + e.getMessage());
      return REFUSED;
    } catch (IOException | RuntimeException e) {
      // exception types and SQL states only: a database message may quote row values (R-AUD-4)
      boolean moved = e instanceof IOException && e.getMessage() != null && e.getMessage().startsWith("the log moved");
      err.println("glassplate: rotate-key failed" + (moved ? ": " + e.getMessage()
          : ", nothing changed (the old key is still the log's): " + BackupCommand.describe(e)));
      return REFUSED;
    } finally {
      if (embedded != null) {
        embedded.stop(err);
        if (!locked) {
          EmbeddedDatabase.unlockDataDirectory();
        }
      }
    }
  }
}

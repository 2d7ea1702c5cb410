package org.glassplate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Caller;
import org.glassplate.server.oversight.SelfAuditCheck;
import org.glassplate.server.oversight.SelfAuditReport;
import org.glassplate.server.oversight.SelfAuditStatus;
import org.glassplate.server.oversight.SelfAudits;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code glassplate self-audit [--data DIR | --db-url URL --db-user U --db-password P]}: the daily
 * self-audit now (R-GOV-3, DESIGN.md "The fixed contract"), audited like every run. It starts the
 * application on the loopback interface only for as long as the run takes, against the embedded
 * PostgreSQL of DIR (or, while a server holds DIR, that server's PostgreSQL, as its
 * {@code embedded-postgres.json} says) or the database at {@code --db-url}; the log's signer key is
 * read from DIR. Prints each check and exits 0 when everything is as approved, 1 on a drift, 2 on a
 * usage error or when the self-audit could not run.
 */
final class SelfAuditCommand {
  static final int OK = 0;
  static final int DRIFT = 1;
  static final int ERROR = 2;

  private SelfAuditCommand() {
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> known = new ArrayList<>(List.of("--data"));
    known.addAll(Launcher.DATABASE_OPTIONS);
    Map<String, String> opts = Launcher.options(args, known);
    if (opts == null) {
      err.println("usage: glassplate self-audit [--data DIR | --db-url URL --db-user U --db-password-file F"
          + " [--db-owner-user O --db-owner-password-file G]] (or the passwords in GLASSPLATE_DB_PASSWORD and"
          + " GLASSPLATE_DB_OWNER_PASSWORD)");
      return ERROR;
    }
    Path data = Path.of(opts.getOrDefault("--data", "glassplate-data")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(data.resolve("audit-signer.key"))) {
      err.println("glassplate: no audit signer key in " + data + ": give the data directory of the server (--data DIR)");
      return ERROR;
    }
    List<String> props = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
        "--glassplate.data-dir=" + data, "--logging.level.root=WARN", "--glassplate.demo.enabled=false"));
    Path local = data.resolve("glassplate.properties");
    if (Files.exists(local)) {
      props.add("--spring.config.import=optional:file:" + local);
    }
    EmbeddedDatabase embedded = null;
    try {
      if (opts.containsKey("--db-url")) {
        try {
          props.addAll(Launcher.externalDatabase(opts, System.getenv(), err));
        } catch (IllegalArgumentException e) {
          err.println("glassplate: " + e.getMessage());
          return ERROR;
        }
      } else {
        EmbeddedDatabase.Credentials db;
        try {
          embedded = EmbeddedDatabase.start(data);
          db = embedded.credentials();
        } catch (EmbeddedDatabase.DataDirectoryInUse e) {
          db = EmbeddedDatabase.running(data).orElse(null);
          if (db == null) {
            err.println("glassplate: " + e.getMessage() + "; and it has no " + data.resolve("embedded-postgres.json")
                + " to reach its database: run the self-audit with --db-url, or when it has stopped");
            return ERROR;
          }
          err.println("glassplate: a server holds " + data + ": auditing its database (" + db.url() + ")");
        }
        props.addAll(db.springArguments());
      }
      SpringApplication app = new SpringApplication(GlassplateApplication.class);
      app.setRegisterShutdownHook(false);
      try (ConfigurableApplicationContext context = app.run(props.toArray(String[]::new))) {
        SelfAuditReport report = context.getBean(SelfAudits.class).run(Caller.system(), SelfAudits.Trigger.COMMAND);
        print(report, out);
        return report.status() == SelfAuditStatus.OK ? OK : DRIFT;
      }
    } catch (IOException | RuntimeException e) {
      // exception type only: a database's message may quote row values (R-AUD-4)
      err.println("glassplate: the self-audit could not run: " + e.getClass().getSimpleName()
          + (e.getCause() != null ? " (" + e.getCause().getClass().getSimpleName() + ")" : ""));
      return ERROR;
    } finally {
      if (embedded != null) {
        embedded.stop(err);
      }
    }
  }

  /** One line a check, its before and after indented under it, and the status last. */
  static void print(SelfAuditReport r, PrintStream out) {
    for (SelfAuditCheck c : r.checks()) {
      out.printf("%-5s %-24s %s%n", c.status(), c.name(), c.detail());
      for (int i = 0; i < Math.max(c.before().size(), c.after().size()); i++) {
        if (i < c.before().size()) {
          out.println("        before: " + c.before().get(i));
        }
        if (i < c.after().size()) {
          out.println("        after:  " + c.after().get(i));
        }
      }
    }
    out.println(r.status() == SelfAuditStatus.OK ? "OK self-audit " + r.id()
        : "DRIFT self-audit " + r.id() + ": " + String.join(", ", r.drifted()));
  }
}

package org.glassplate.server;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.glassplate.server.demo.PartnerNodes;
import org.glassplate.server.policy.Policies;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command line behind {@code ./glassplate} (DESIGN.md, "The fixed contract"):
 * {@code demo}, {@code serve}, {@code audit verify}, {@code self-audit}, {@code import vendor-audit} and {@code import reads}.
 */
public final class Launcher {

  private Launcher() {
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
      usage(System.out);
      return;
    }
    switch (args[0]) {
      case "demo", "serve" -> {
        try {
          run(args[0].equals("demo"), rest(args));
        } catch (EmbeddedDatabase.DataDirectoryInUse e) {
          System.err.println("glassplate: " + e.getMessage());
          System.exit(1);
        } catch (RuntimeException e) {
          for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.glassplate.server.audit.LogRollbackRefused r) {
              System.err.println("glassplate: not starting: " + r.getMessage());
              System.exit(1);
            }
          }
          throw e;
        }
      }
      case "audit" -> System.exit(AuditCommand.run(rest(args), System.out, System.err));
      case "self-audit" -> System.exit(SelfAuditCommand.run(rest(args), System.out, System.err));
      case "backup" -> System.exit(BackupCommand.run(rest(args), System.out, System.err, Clock.systemUTC()));
      case "restore" -> System.exit(RestoreCommand.run(rest(args), System.out, System.err, Clock.systemUTC()));
      case "import" -> System.exit(switch (args.length > 1 ? args[1] : "") {
        case "vendor-audit" -> VendorAuditCommand.run(rest(rest(args)), System.out, System.err, Clock.systemUTC());
        case "reads" -> ReadsImportCommand.run(rest(args), System.getenv(), System.out, System.err);
        default -> unknownImport(args);
      });
      default -> {
        System.err.println("glassplate: unknown command '" + args[0] + "'");
        usage(System.err);
        System.exit(2);
      }
    }
  }

  static void usage(PrintStream out) {
    out.println("""
        usage: glassplate COMMAND [OPTIONS]
          demo  [--port N] [--data DIR] [--rate N] [--partners N] [--history-days N] [--audit-archive-dir A]
                run with embedded PostgreSQL, demo agency and camera traffic; --partners 1 to 3 also starts
                that many partner agency nodes (DIR/partners/), with agreements both ways; the first start
                seeds the agency's last 30 days (--history-days 0 to 60; 0 for none, a quicker first start)
          serve [--port N] [--audit-archive-dir A] [--data DIR | --db-url URL --db-user U --db-password-file F
                [--db-owner-user O --db-owner-password-file G]]
                with --db-url, the migrations run as the tables' owner O and the application as U (README); the
                passwords come from the files' first lines, or from GLASSPLATE_DB_PASSWORD and
                GLASSPLATE_DB_OWNER_PASSWORD (--db-password P and --db-owner-password Q also work, but show in ps)
          audit verify BASE_URL [--trusted-checkpoint FILE] [--save-checkpoint FILE] [--pin-file FILE]
          audit verify-export PACKAGE.zip (--key VERIFIER_KEY | --key-file FILE)
          audit rotate-key [--data DIR | --db-url URL --db-user U --db-password P] [--origin O] [--keep-old-key FILE]
                with the server stopped: moves the audit log to a new key and origin, announced in the old log
          backup --data DIR --to FILE   a consistent copy of the database and the keys and settings of DIR, while the
                server runs, into one zip archive with a manifest of SHA-256 sums; never over an existing FILE
          backup --check FILE           whether a backup archive is whole (every entry against its manifest)
          restore --from FILE --data DIR [--until TIME [--wal-archive W]] [--audit-archive-dir A] [--published-checkpoint F]
                into a new or empty DIR; with the tile archive A the server rebuilds the log up to A's checkpoint;
                --until replays the WAL archive (DIR/wal-archive of the backed-up server, or W) up to TIME
          self-audit [--data DIR | --db-url URL --db-user U --db-password-file F [--db-owner-user O ...]] (as serve)
                the daily self-audit now: exit 0 OK, 1 DRIFT
          import vendor-audit PATH... [--format auto|flock-network|flock-org|flock-portal-csv|flock-portal-json|okaloosa]
                [--agency-state ST] [--report DIR]   a vendor's audit exports and portal: misuse rules, report
          import reads FILE --camera ID --url URL [--token-file F] [--from-line N]
                CSV bulk import of a camera's reads (token from GLASSPLATE_CAMERA_TOKEN or --token-file)
          bench ingest --url URL --token T --reads N --batch B --concurrency C""");
  }

  private static int unknownImport(String[] args) {
    System.err.println("glassplate: import what? " + (args.length > 1 ? "'" + args[1] + "' is not something to import"
        : "name it") + ": import vendor-audit PATH... | import reads FILE --camera ID --url URL");
    return 2;
  }

  private static String[] rest(String[] args) {
    String[] r = new String[args.length - 1];
    System.arraycopy(args, 1, r, 0, r.length);
    return r;
  }

  private static void run(boolean demo, String[] args) throws Exception {
    Map<String, String> opts = options(args, demo
        ? List.of("--port", "--data", "--rate", "--partners", "--history-days", "--parent-pid", "--audit-archive-dir")
        : Stream.concat(Stream.of("--port", "--data", "--audit-archive-dir"),
            DATABASE_OPTIONS.stream()).toList());
    int partnerCount;
    int historyDays = 0;
    ProcessHandle parent = null;
    try {
      partnerCount = opts == null ? -1 : partners(opts);
      historyDays = opts == null ? 0 : historyDays(opts);
      if (opts != null && opts.containsKey("--parent-pid")) {
        parent = parent(opts.get("--parent-pid"));
      }
    } catch (IllegalArgumentException e) {
      System.err.println("glassplate: " + e.getMessage());
      partnerCount = -1;
    }
    if (partnerCount < 0) {
      usage(System.err);
      System.exit(2);
      return;
    }
    List<String> external = null;
    if (opts.containsKey("--db-url")) {
      try {
        external = externalDatabase(opts, System.getenv(), System.err);
      } catch (IllegalArgumentException e) {
        System.err.println("glassplate: " + e.getMessage());
        System.exit(2);
        return;
      }
    }
    Path data = Path.of(opts.getOrDefault("--data", "glassplate-data")).toAbsolutePath().normalize();
    Files.createDirectories(data);
    String port = opts.getOrDefault("--port", "8080");
    List<String> props = new ArrayList<>();
    props.add("--server.port=" + port);
    props.add("--glassplate.data-dir=" + data);
    if (opts.containsKey("--audit-archive-dir")) {
      // the tile archive (issue 18): best on another disk than DIR
      props.add("--glassplate.audit.archive-dir=" + Path.of(opts.get("--audit-archive-dir")).toAbsolutePath().normalize());
    }
    Path local = data.resolve("glassplate.properties");
    if (demo && !Files.exists(local)) {
      // The demo agency is this data directory's agency from now on, for demo and serve alike.
      Files.writeString(local, """
          # Settings of this Glassplate installation (read by ./glassplate demo and serve).
          # glassplate.agency.id is part of the audit log's origin: never change it once the log has entries.
          glassplate.agency.id=mesa-verde-pd
          glassplate.agency.name=Mesa Verde Police Department
          glassplate.agency.state=CA
          # pages show times in this time zone, with UTC on hover
          glassplate.agency.time-zone=America/Los_Angeles
          """);
    }
    if (Files.exists(local)) {
      props.add("--spring.config.import=optional:file:" + local);
    }

    EmbeddedDatabase.lockDataDirectory(data); // one server per data directory (the audit key lives there)
    PartnerNodes partnerNodes = null;
    if (partnerCount > 0) {
      // started first: they take longest, and each has its own data directory, database and lock
      partnerNodes = PartnerNodes.start(data, partnerCount, childCommand(), System.out);
      PartnerNodes started = partnerNodes;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "glassplate-partners-shutdown"));
    }
    EmbeddedDatabase embedded = null;
    if (external != null) {
      props.addAll(external);
    } else {
      embedded = EmbeddedDatabase.start(data);
      props.addAll(embedded.credentials().springArguments());
    }
    if (demo) {
      props.add("--glassplate.demo.enabled=true");
      props.add("--glassplate.demo.rate=" + opts.getOrDefault("--rate", "3"));
      // a partner node is another agency: the story of the demo's first start is the main node's
      props.add("--glassplate.demo.history-days=" + (opts.containsKey("--parent-pid") ? 0 : historyDays));
    }

    SpringApplication app = new SpringApplication(GlassplateApplication.class);
    app.setRegisterShutdownHook(false);
    ConfigurableApplicationContext context;
    try {
      context = app.run(props.toArray(String[]::new));
    } catch (RuntimeException e) {
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
    EmbeddedDatabase db = embedded;
    if (embedded != null) {
      WalArchivePruning.start(data,
          () -> context.getBean(Policies.class).current().nonHitRetention(), System.err);
    }
    // One hook, in order: stop taking requests and finish the ones in flight, then stop PostgreSQL.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        context.close();
      } finally {
        if (db != null) {
          db.stop(System.err);
        }
      }
    }, "glassplate-shutdown"));
    if (parent != null) {
      // watched only now that the hook above stops this node cleanly: the database of a partner
      // whose demo went away while it started is stopped too, once it is up
      long pid = parent.pid();
      parent.onExit().thenRun(() -> {
        System.err.println("glassplate: the demo that started this partner (pid " + pid + ") is gone; stopping");
        System.exit(0);
      });
    }
    System.out.println("Glassplate is running at http://localhost:" + port + "/  (data: " + data + ")");
    if (demo) {
      System.out.println("Demo credentials: " + data.resolve("demo-credentials.json"));
    }
    if (db != null) {
      System.out.println("Embedded PostgreSQL: " + data.resolve("embedded-postgres.json"));
    }
    if (partnerNodes != null) {
      try {
        partnerNodes.awaitAndConnect("http://127.0.0.1:" + port, data.resolve("demo-credentials.json"),
            Clock.systemUTC());
      } catch (IllegalStateException e) {
        System.err.println("glassplate: the demo's partners did not start: " + e.getMessage());
        System.exit(1); // the hooks stop the partners and this node
      }
      System.out.println("Partners: " + partnerCount + " agency node(s), listed in " + data.resolve("demo-credentials.json"));
    }
  }

  /** The number of partner nodes of {@code --partners} (none without it); IllegalArgumentException if not 1 to 3. */
  /** Days of history the demo's first start seeds: 30 unless {@code --history-days} says (0 to 60). */
  static int historyDays(Map<String, String> opts) {
    String value = opts.get("--history-days");
    if (value == null) {
      return 30;
    }
    try {
      int days = Integer.parseInt(value.strip());
      if (days >= 0 && days <= 60) {
        return days;
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new IllegalArgumentException("--history-days must be a number of days from 0 to 60, not '" + value + "'");
  }

  static int partners(Map<String, String> opts) {
    String value = opts.get("--partners");
    return value == null ? 0 : PartnerNodes.count(value);
  }

  /**
   * The demo that started this node as its partner ({@code --parent-pid}): this node stops when it is
   * gone, even if it was killed and could not stop its partners itself. Exits at once if it is gone already.
   */
  private static ProcessHandle parent(String value) {
    long pid;
    try {
      pid = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--parent-pid must be a process id, not '" + value + "'");
    }
    Optional<ProcessHandle> parent = ProcessHandle.of(pid);
    if (parent.isEmpty() || !parent.get().isAlive()) {
      System.err.println("glassplate: the demo that started this partner (pid " + pid + ") is gone; not starting");
      System.exit(1);
    }
    return parent.get();
  }

  /** How to run this launcher again in a child process, with a small heap: from the jar, or from the class path. */
  static List<String> childCommand() {
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx384m", "-XX:+UseSerialGC"));
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      cmd.addAll(List.of("-jar", Path.of(classPath).toAbsolutePath().toString()));
    } else {
      cmd.addAll(List.of("-cp", classPath, Launcher.class.getName()));
    }
    return cmd;
  }

  /** The options that name the external database, its roles and their passwords (serve and self-audit). */
  static final List<String> DATABASE_OPTIONS = List.of("--db-url", "--db-user", "--db-password", "--db-password-file",
      "--db-owner-user", "--db-owner-password", "--db-owner-password-file");

  /**
   * The Spring properties of {@code --db-url}: the application connects as {@code --db-user}; the
   * migrations run as {@code --db-owner-user} when given (README, "An external PostgreSQL"), otherwise as
   * {@code --db-user} too, which then owns the tables and so could disable the audit log's triggers: said
   * on {@code err}. Each password comes from {@code --db-password-file} (its first line), else from the
   * environment ({@code GLASSPLATE_DB_PASSWORD}, {@code GLASSPLATE_DB_OWNER_PASSWORD}), else from the option
   * itself, which any local user can read in the process list: said on {@code err} too.
   *
   * @throws IllegalArgumentException naming the option when a password file cannot be read
   */
  static List<String> externalDatabase(Map<String, String> opts, Map<String, String> env, PrintStream err) {
    List<String> props = new ArrayList<>(List.of(
        "--spring.datasource.url=" + withSafeErrors(opts.get("--db-url")),
        "--spring.datasource.username=" + opts.getOrDefault("--db-user", ""),
        "--spring.datasource.password=" + password(opts, env, "--db-password", "GLASSPLATE_DB_PASSWORD", err)));
    if (opts.containsKey("--db-owner-user")) {
      props.add("--spring.flyway.user=" + opts.get("--db-owner-user"));
      props.add("--spring.flyway.password="
          + password(opts, env, "--db-owner-password", "GLASSPLATE_DB_OWNER_PASSWORD", err));
    } else {
      err.println("glassplate: no --db-owner-user: the migrations run as --db-user, which then owns the tables and "
          + "could disable the audit log's triggers; see README, \"An external PostgreSQL\"");
    }
    return props;
  }

  static String password(Map<String, String> opts, Map<String, String> env, String option, String variable,
      PrintStream err) {
    String file = opts.get(option + "-file");
    if (file != null) {
      if (opts.containsKey(option)) {
        throw new IllegalArgumentException("give " + option + " or " + option + "-file, not both");
      }
      try {
        List<String> lines = Files.readAllLines(Path.of(file));
        if (lines.isEmpty() || lines.get(0).isEmpty()) {
          throw new IllegalArgumentException(option + "-file " + file + " is empty: its first line is the password");
        }
        return lines.get(0);
      } catch (java.io.IOException | java.io.UncheckedIOException e) {
        throw new IllegalArgumentException(option + "-file " + file + " cannot be read (" + e.getClass().getSimpleName()
            + ")");
      }
    }
    String given = opts.get(option);
    if (given != null) {
      err.println("glassplate: " + option + " on the command line can be read by any local user (ps); prefer "
          + option + "-file F or the environment variable " + variable);
      return given;
    }
    return env.getOrDefault(variable, "");
  }

  /** PostgreSQL error details can quote row values (plates); keep them out of exception messages. */
  static String withSafeErrors(String url) {
    if (url.contains("logServerErrorDetail")) {
      return url;
    }
    return url + (url.contains("?") ? "&" : "?") + "logServerErrorDetail=false";
  }

  /** Parses {@code --name value} and {@code --name=value}; null on anything unknown. */
  static Map<String, String> options(String[] args, List<String> known) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (!known.contains(name)) {
        System.err.println("glassplate: unknown option '" + name + "'");
        return null;
      }
      String value;
      if (a.contains("=")) {
        value = a.substring(a.indexOf('=') + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        System.err.println("glassplate: option " + name + " needs a value");
        return null;
      }
      out.put(name, value);
    }
    return out;
  }
}

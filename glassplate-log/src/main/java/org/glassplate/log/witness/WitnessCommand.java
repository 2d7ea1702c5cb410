package org.glassplate.log.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code glassplate witness --port P --data DIR --log VKEY [--log VKEY...] [--name NAME]
 * [--listen ADDR]}: a stand-alone witness (c2sp.org/tlog-witness) for people without a
 * Glassplate node, files only ({@link FileWitnessStore}), on the JDK's HTTP server.
 *
 * <ul>
 *   <li>{@code POST /add-checkpoint} (also {@code /api/v1/witness/add-checkpoint}, a node's
 *       path): the protocol, {@link Witness#addCheckpoint(byte[])};
 *   <li>{@code GET /key} (also {@code /api/v1/witness/key}): the witness's vkey (type 0x04);
 *   <li>{@code GET /forks}: the evidence files of the forks it has seen, one per line.
 * </ul>
 *
 * <p>Prints {@code witness <vkey>} and {@code listening http://ADDR:PORT} on start. Exit 2 for a
 * usage error, 1 if it cannot start.
 */
public final class WitnessCommand {
  static final String USAGE = """
      usage: glassplate witness --port P --data DIR --log VKEY [--log VKEY...] [--name NAME] [--listen ADDR]
        --port P       TCP port (0: any free port, printed on start)
        --data DIR     state directory: witness.key (made at first start), state/, forks/
        --log VKEY     verifier key of a log to witness (its name is the log's origin); repeat for more
        --name NAME    the witness's key name at first start (default glassplate-witness)
        --listen ADDR  address to bind (default 127.0.0.1)""";
  /** Test hook: milliseconds to sleep between writing a temporary file and renaming it. */
  static final String PAUSE_PROPERTY = "glassplate.witness.pauseBeforeRenameMillis";
  static final int MAX_BODY = 128 * 1024;
  private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

  private WitnessCommand() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
    // else the server's threads keep the process running
  }

  /** Parses the arguments and starts the server; returns 0 once it serves, else the exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = new ArrayList<>(Arrays.asList(args));
    if (!a.isEmpty() && a.get(0).equals("witness")) {
      a.remove(0);
    }
    Integer port = null;
    Path data = null;
    String name = null;
    String listen = "127.0.0.1";
    List<String> logs = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      String arg = a.get(i);
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE);
        return 0;
      }
      if (!List.of("--port", "--data", "--log", "--name", "--listen").contains(arg)) {
        return usage(err, "unknown argument " + arg);
      }
      if (value == null) {
        if (i + 1 >= a.size()) {
          return usage(err, arg + " needs a value");
        }
        value = a.get(++i);
      }
      switch (arg) {
        case "--port" -> {
          try {
            port = Integer.parseInt(value);
          } catch (NumberFormatException e) {
            return usage(err, "--port needs a number, got " + value);
          }
        }
        case "--data" -> data = Path.of(value);
        case "--log" -> logs.add(value);
        case "--name" -> name = value;
        default -> listen = value;
      }
    }
    if (port == null || data == null || logs.isEmpty()) {
      return usage(err, "--port, --data and at least one --log are required");
    }
    // The JDK's HTTP server leaves Nagle's algorithm on unless told: a small answer written in two
    // parts then waits for the client's delayed ACK, about 40 ms on every add-checkpoint (measured
    // with bench cosign). Read once, when its first server is made.
    if (System.getProperty(NODELAY_PROPERTY) == null) {
      System.setProperty(NODELAY_PROPERTY, "true");
    }
    try {
      FileWitnessStore store = new FileWitnessStore(data, Duration.ofMillis(Long.getLong(PAUSE_PROPERTY, 0)));
      Witness w = new Witness(store.key(name, "glassplate-witness"), logs, store, Clock.systemUTC());
      HttpServer server = serve(w, new InetSocketAddress(InetAddress.getByName(listen), port));
      out.println("witness " + w.key().vkey());
      for (String origin : w.origins()) {
        out.println("log " + origin);
      }
      for (Path f : w.forks()) {
        err.println("FORK seen earlier, evidence " + f);
      }
      out.println("listening http://" + hostPort(server.getAddress()));
      out.flush();
      return 0;
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    } catch (IOException e) {
      err.println("glassplate witness: " + e.getMessage());
      return 1;
    }
  }

  /** Starts an HTTP server for {@code witness} on {@code address}. */
  public static HttpServer serve(Witness witness, InetSocketAddress address) throws IOException {
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    server.setExecutor(pool);
    server.createContext("/", exchange -> {
      try (exchange) {
        handle(witness, exchange);
      } catch (IOException | RuntimeException e) {
        // The client gets a 500 if nothing was sent yet; nothing was cosigned.
        System.err.println("glassplate witness: " + e);
      }
    });
    server.start();
    return server;
  }

  private static void handle(Witness witness, HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    switch (path) {
      case "/add-checkpoint", "/api/v1/witness/add-checkpoint" -> {
        if (!method.equals("POST")) {
          send(ex, 405, "text/plain; charset=utf-8", "use POST\n");
          return;
        }
        byte[] body = readBody(ex.getRequestBody());
        if (body == null) {
          send(ex, 413, "text/plain; charset=utf-8", "request body larger than " + MAX_BODY + " bytes\n");
          return;
        }
        Answer answer;
        try {
          answer = witness.addCheckpoint(body);
        } catch (IOException e) {
          System.err.println("glassplate witness: store failed: " + e.getMessage());
          send(ex, 500, "text/plain; charset=utf-8", "the witness could not store its state; nothing was cosigned\n");
          return;
        }
        if (answer.outcome() == Answer.Outcome.FORK_DETECTED
            || answer.outcome() == Answer.Outcome.INCONSISTENT_CHECKPOINT) {
          System.err.println("FORK " + answer.body().strip());
        }
        String type = answer.outcome() == Answer.Outcome.SIZE_CONFLICT ? "text/x.tlog.size" : "text/plain; charset=utf-8";
        send(ex, status(answer.outcome()), type, answer.body());
      }
      case "/key", "/api/v1/witness/key" -> {
        if (!method.equals("GET")) {
          send(ex, 405, "text/plain; charset=utf-8", "use GET\n");
          return;
        }
        send(ex, 200, "text/plain; charset=utf-8", witness.key().vkey() + "\n");
      }
      case "/forks" -> {
        StringBuilder b = new StringBuilder();
        for (Path f : witness.forks()) {
          b.append(f.getParent().getFileName()).append('/').append(f.getFileName()).append('\n');
        }
        send(ex, 200, "text/plain; charset=utf-8", b.toString());
      }
      default -> send(ex, 404, "text/plain; charset=utf-8", "not found\n");
    }
  }

  /** The HTTP status of each outcome, as c2sp.org/tlog-witness names them. */
  public static int status(Answer.Outcome o) {
    return switch (o) {
      case COSIGNED -> 200;
      case MALFORMED, OLD_SIZE_TOO_LARGE -> 400;
      case BAD_SIGNATURE -> 403;
      case UNKNOWN_LOG -> 404;
      case SIZE_CONFLICT, FORK_DETECTED, LOG_FORKED -> 409;
      case BAD_PROOF, INCONSISTENT_CHECKPOINT -> 422;
    };
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] b = in.readNBytes(MAX_BODY + 1);
    return b.length > MAX_BODY ? null : b;
  }

  private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream os = ex.getResponseBody()) {
        os.write(b);
      }
    }
  }

  private static String hostPort(InetSocketAddress a) {
    String h = a.getAddress().getHostAddress();
    return (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
  }

  private static int usage(PrintStream err, String why) {
    err.println("glassplate witness: " + why);
    err.println(USAGE);
    return 2;
  }
}

package org.glassplate.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code glassplate import reads FILE --camera ID --url URL [--token-file F] [--from-line N]
 * [--chunk-lines N]}: sends a reads CSV to {@code POST /api/v1/reads/import} (R-ING-1) in chunks of
 * whole lines, each with the file's header, so that a broken connection loses at most the chunk in
 * flight. The server stores every read once, so running the command again (or with
 * {@code --from-line}, from the chunk that failed) finishes the import without duplicates. Progress
 * goes to stderr, the summary to stdout; exit 0 when every line was sent and answered (rejected lines
 * are listed, not a failure), 1 when the import could not finish, 2 on a usage error.
 */
final class ReadsImportCommand {
  static final String TOKEN_VARIABLE = "GLASSPLATE_CAMERA_TOKEN";
  static final int DEFAULT_CHUNK_LINES = 10_000;
  private static final int ATTEMPTS = 3;
  private static final int LISTED_REJECTIONS = 100;
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static final String USAGE = """
      usage: glassplate import reads FILE --camera ID --url URL [--token-file F] [--from-line N] [--chunk-lines N]
        FILE          CSV with a header: plate,capturedAt (required), state, lat, lon, confidence,
                      vehicle.make, vehicle.color, vehicle.type (or make, color, type)
        --camera ID   the camera the reads are from; its token must be that camera's
        --url URL     the Glassplate server, e.g. https://alpr.example.org
        the camera's token is read from the environment variable GLASSPLATE_CAMERA_TOKEN or from
        --token-file F, never from the command line: a command line is visible to every user of the
        machine (ps, /proc) and stays in shell history
        --from-line N resume at line N of FILE (as the message of a failed run says); running the
                      same command again also works: reads already stored are counted as duplicates
        --chunk-lines lines sent per request (default 10000)""";

  private ReadsImportCommand() {
  }

  /** Usage errors: exit 2. */
  private static final class Usage extends Exception {
    Usage(String message) {
      super(message, null, false, false);
    }
  }

  /** {@code import reads ARGS...}: {@code args} starts with the word after {@code import}. */
  static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    if (args.length == 0 || !args[0].equals("reads")) {
      err.println("glassplate import: unknown kind of import" + (args.length == 0 ? "" : " '" + args[0] + "'"));
      err.println(USAGE);
      return 2;
    }
    Options o;
    try {
      o = options(java.util.Arrays.copyOfRange(args, 1, args.length), env);
    } catch (Usage e) {
      err.println("glassplate import reads: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      return new Upload(o, out, err).run();
    } catch (IOException e) {
      err.println("glassplate import reads: cannot read " + o.file() + ": " + e.getClass().getSimpleName());
      return 1;
    }
  }

  record Options(Path file, long camera, URI url, String token, int fromLine, int chunkLines) {
  }

  static Options options(String[] args, Map<String, String> env) throws Usage {
    Path file = null;
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--token")) {
        throw new Usage("--token is not taken: give the token in " + TOKEN_VARIABLE + " or --token-file F");
      }
      if (a.startsWith("--")) {
        if (!List.of("--camera", "--url", "--token-file", "--from-line", "--chunk-lines").contains(a)) {
          throw new Usage("unknown option " + a);
        }
        if (i + 1 >= args.length) {
          throw new Usage(a + " needs a value");
        }
        o.put(a, args[++i]);
      } else if (file == null) {
        file = Path.of(a);
      } else {
        throw new Usage("one FILE only");
      }
    }
    if (file == null) {
      throw new Usage("FILE is missing");
    }
    if (!Files.isRegularFile(file)) {
      throw new Usage("no such file: " + file);
    }
    if (!o.containsKey("--camera") || !o.containsKey("--url")) {
      throw new Usage("--camera and --url are required");
    }
    long camera = positive(o.get("--camera"), "--camera");
    URI url;
    try {
      url = URI.create(o.get("--url").replaceAll("/+$", ""));
      if (!List.of("http", "https").contains(String.valueOf(url.getScheme())) || url.getHost() == null) {
        throw new IllegalArgumentException();
      }
    } catch (IllegalArgumentException e) {
      throw new Usage("--url must be an http or https URL");
    }
    String token;
    if (o.containsKey("--token-file")) {
      try {
        token = Files.readString(Path.of(o.get("--token-file"))).trim();
      } catch (IOException e) {
        throw new Usage("cannot read --token-file " + o.get("--token-file"));
      }
    } else {
      token = env.get(TOKEN_VARIABLE);
    }
    if (token == null || token.isBlank()) {
      throw new Usage("no camera token: set " + TOKEN_VARIABLE + " or give --token-file F");
    }
    int fromLine = o.containsKey("--from-line") ? (int) positive(o.get("--from-line"), "--from-line") : 2;
    int chunk = o.containsKey("--chunk-lines") ? (int) positive(o.get("--chunk-lines"), "--chunk-lines")
        : DEFAULT_CHUNK_LINES;
    return new Options(file, camera, url, token.trim(), Math.max(2, fromLine), chunk);
  }

  private static long positive(String value, String option) throws Usage {
    try {
      long v = Long.parseLong(value);
      if (v > 0 && v <= Integer.MAX_VALUE) {
        return v;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw new Usage(option + " must be a positive whole number");
  }

  /** One run of the command over the file. */
  private static final class Upload {
    private final Options o;
    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    private long sent;
    private long accepted;
    private long duplicates;
    private long rejected;
    private long alerts;
    private int listed;
    private final StringBuilder rejections = new StringBuilder();

    Upload(Options o, PrintStream out, PrintStream err) {
      this.o = o;
      this.out = out;
      this.err = err;
    }

    int run() throws IOException {
      try (BufferedReader in = Files.newBufferedReader(o.file(), StandardCharsets.UTF_8)) {
        String header = in.readLine();
        if (header == null) {
          err.println("glassplate import reads: " + o.file() + " is empty (it needs a header line)");
          return 1;
        }
        StringBuilder chunk = new StringBuilder(header.length() * 2 + 1024);
        int lineNo = 1;
        int chunkFirst = 0;
        int inChunk = 0;
        for (String line = in.readLine(); ; line = in.readLine()) {
          if (line != null) {
            lineNo++;
            if (lineNo < o.fromLine()) {
              continue;
            }
            if (inChunk == 0) {
              chunk.setLength(0);
              chunk.append(header).append('\n');
              chunkFirst = lineNo;
            }
            chunk.append(line).append('\n');
            inChunk++;
          }
          if (inChunk > 0 && (inChunk == o.chunkLines() || line == null)) {
            if (!send(chunk.toString(), chunkFirst, inChunk)) {
              summary(false);
              err.printf("glassplate import reads: stopped at the chunk starting at line %d; lines before it are "
                  + "stored. Resume with the same command and --from-line %d (or rerun it whole: stored reads are "
                  + "counted as duplicates, never stored twice)%n", chunkFirst, chunkFirst);
              return 1;
            }
            inChunk = 0;
          }
          if (line == null) {
            break;
          }
        }
      }
      summary(true);
      return 0;
    }

    /** Sends one chunk, trying again on a broken connection or a server error; false if it could not. */
    private boolean send(String body, int firstLine, int lines) {
      URI uri = URI.create(o.url() + "/api/v1/reads/import?line=" + firstLine + "&camera="
          + URLEncoder.encode(Long.toString(o.camera()), StandardCharsets.UTF_8));
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        HttpResponse<String> r;
        try {
          r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
              .header("Authorization", "Bearer " + o.token()).header("Content-Type", "text/csv; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
              HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
          err.printf("glassplate import reads: lines %d-%d: %s (attempt %d of %d)%n", firstLine, firstLine + lines - 1,
              e.getClass().getSimpleName(), attempt, ATTEMPTS);
          pause(attempt);
          continue;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        if (r.statusCode() == 200) {
          count(JSON.readTree(r.body()), lines);
          return true;
        }
        String why = error(r);
        err.printf("glassplate import reads: lines %d-%d: the server answered %d%s%n", firstLine,
            firstLine + lines - 1, r.statusCode(), why);
        if (r.statusCode() < 500) {
          return false; // the same request would be refused again
        }
        pause(attempt);
      }
      return false;
    }

    private static String error(HttpResponse<String> r) {
      try {
        JsonNode e = JSON.readTree(r.body()).path("error");
        if (e.isObject()) {
          return " " + e.path("code").asString("") + ": " + e.path("message").asString("")
              + (e.hasNonNull("field") ? " (field " + e.path("field").asString("") + ")" : "");
        }
      } catch (RuntimeException ignored) {
        // not JSON
      }
      return "";
    }

    private static void pause(int attempt) {
      try {
        Thread.sleep(500L * attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void count(JsonNode a, int lines) {
      sent += lines;
      accepted += a.path("accepted").longValue();
      duplicates += a.path("duplicates").longValue();
      rejected += a.path("rejectedCount").longValue();
      alerts += a.path("alertCount").longValue();
      for (JsonNode r : a.path("rejected")) {
        if (listed++ < LISTED_REJECTIONS) {
          rejections.append("  line ").append(r.path("line").longValue()).append(", ")
              .append(r.path("field").asString("")).append(": ").append(r.path("message").asString("")).append('\n');
        }
      }
      err.printf("lines sent %d: accepted %d, duplicates %d, rejected %d%n", sent, accepted, duplicates, rejected);
    }

    private void summary(boolean complete) {
      out.printf("%s %s: lines sent %d, accepted %d, duplicates %d, rejected %d, alerts %d%n",
          complete ? "imported" : "partly imported", o.file(), sent, accepted, duplicates, rejected, alerts);
      if (rejected > 0) {
        out.print(rejections);
        if (rejected > Math.min(listed, LISTED_REJECTIONS)) {
          out.printf("  (%d rejected lines not listed)%n", rejected - Math.min(listed, LISTED_REJECTIONS));
        }
      }
    }
  }
}

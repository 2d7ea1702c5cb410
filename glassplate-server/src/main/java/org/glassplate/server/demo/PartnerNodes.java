package org.glassplate.server.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.node.ObjectNode;

/**
 * The partner agencies of {@code ./glassplate demo --partners N} (issue 14, item 6; issue 15): N
 * agency nodes started as child processes of this one, from the same jar, each with its own data
 * directory {@code DIR/partners/<agency id>} (its own settings, embedded PostgreSQL, demo people,
 * credentials and traffic) on a free port of 127.0.0.1; then approved agreements both ways between
 * this node and each of them ({@link DemoAgreements}), after which this node's
 * {@code demo-credentials.json} lists them. A restart on the same directory starts the same partners
 * on the same data (on the same ports when they are free). A child stops with its parent: this
 * process stops it on its way out, and the child itself exits when this process is gone
 * ({@code --parent-pid}), so no partner outlives the demo.
 */
public final class PartnerNodes implements AutoCloseable {
  /** The most partners a demo starts. */
  public static final int MAX = 3;

  /** The partner agencies, in the order a demo starts them: all California local agencies. */
  static final List<PartnerAgency> AGENCIES = List.of(
      new PartnerAgency("valley-pd", "Valley Police Department"),
      new PartnerAgency("harbor-pd", "Harbor Police Department"),
      new PartnerAgency("ridge-county-so", "Ridge County Sheriff's Office"));

  /** Reads per second of each partner's simulated traffic: a low rate, the machine runs them all. */
  static final String PARTNER_RATE = "0.5";
  private static final Duration READY_WITHIN = Duration.ofMinutes(5);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final List<Node> nodes;
  private final PrintStream out;

  /** A partner agency of the demo. */
  record PartnerAgency(String id, String name) {
  }

  /** A started partner: its agency, data directory, port, process and log file. */
  record Node(PartnerAgency agency, Path data, int port, Process process, Path log) {
    String url() {
      return "http://127.0.0.1:" + port;
    }

    Path credentials() {
      return data.resolve("demo-credentials.json");
    }
  }

  private PartnerNodes(List<Node> nodes, PrintStream out) {
    this.nodes = List.copyOf(nodes);
    this.out = out;
  }

  /**
   * The number of partners of {@code --partners}: 1 to {@link #MAX}.
   *
   * @throws IllegalArgumentException naming the allowed values otherwise
   */
  public static int count(String value) {
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > MAX) {
      throw new IllegalArgumentException("--partners must be a number from 1 to " + MAX + ", not '" + value + "'");
    }
    return n;
  }

  /**
   * Starts {@code count} partner nodes under {@code mainData/partners/}, without waiting for them.
   *
   * @param childCommand how to run this jar again: the java command, JVM options and the class path
   *     part ({@code -jar glassplate.jar}), followed by the launcher's arguments
   */
  public static PartnerNodes start(Path mainData, int count, List<String> childCommand, PrintStream out)
      throws IOException {
    List<Node> nodes = new ArrayList<>();
    try {
      for (PartnerAgency agency : AGENCIES.subList(0, count)) {
        Path data = mainData.resolve("partners").resolve(agency.id());
        Files.createDirectories(data);
        writeSettingsOnce(data, agency);
        int port = port(data);
        Path log = data.resolve("glassplate.log");
        List<String> cmd = new ArrayList<>(childCommand);
        cmd.addAll(List.of("demo", "--port", Integer.toString(port), "--data", data.toString(), "--rate", PARTNER_RATE,
            "--parent-pid", Long.toString(ProcessHandle.current().pid())));
        out.println("starting partner " + agency.id() + " on port " + port + " (data: " + data + ", log: " + log + ")");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        nodes.add(new Node(agency, data, port, p, log));
      }
    } catch (IOException | RuntimeException e) {
      new PartnerNodes(nodes, out).close();
      throw e;
    }
    return new PartnerNodes(nodes, out);
  }

  /**
   * Waits until every partner answers healthy and has written its demo credentials, then has the
   * agreements approved both ways between {@code mainUrl} (this node, whose credentials file is
   * {@code mainCredentials}) and each partner, and lists the partners in that file.
   *
   * @throws IllegalStateException if a partner stops, or is not ready within five minutes, or an
   *     agreement is refused
   */
  public void awaitAndConnect(String mainUrl, Path mainCredentials, Clock clock) throws InterruptedException {
    Instant deadline = Instant.now(clock).plus(READY_WITHIN);
    for (Node n : nodes) {
      awaitReady(n, deadline, clock);
      out.println("partner " + n.agency().id() + " ready at " + n.url() + "/");
    }
    List<DemoAgreements.NodeAccess> partners = nodes.stream()
        .map(n -> new DemoAgreements.NodeAccess(n.url(), n.credentials(), n.agency().name())).toList();
    new DemoAgreements(clock, out).connect(new DemoAgreements.NodeAccess(mainUrl, mainCredentials,
        agencyName(mainCredentials.getParent())), partners);
    listIn(mainCredentials);
  }

  /** Stops every partner that still runs: SIGTERM, then a minute for a clean stop, then kill. */
  @Override
  public void close() {
    for (Node n : nodes) {
      if (n.process().isAlive()) {
        n.process().destroy();
      }
    }
    for (Node n : nodes) {
      try {
        if (!n.process().waitFor(60, TimeUnit.SECONDS)) {
          n.process().destroyForcibly();
        }
      } catch (InterruptedException e) {
        n.process().destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void awaitReady(Node n, Instant deadline, Clock clock) throws InterruptedException {
    while (true) {
      if (!n.process().isAlive()) {
        throw new IllegalStateException("partner " + n.agency().id() + " stopped while starting (exit code "
            + n.process().exitValue() + "); see " + n.log());
      }
      if (healthy(n) && Files.exists(n.credentials()) && hasUsers(n.credentials())) {
        return;
      }
      if (Instant.now(clock).isAfter(deadline)) {
        throw new IllegalStateException("partner " + n.agency().id() + " was not ready within " + READY_WITHIN
            + "; see " + n.log());
      }
      Thread.sleep(500);
    }
  }

  private static boolean healthy(Node n) throws InterruptedException {
    try {
      HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(n.url() + "/actuator/health"))
          .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && "UP".equals(DemoSeeder.JSON.readTree(r.body()).path("status").stringValue(null));
    } catch (IOException | RuntimeException e) {
      return false; // not up yet
    }
  }

  private static boolean hasUsers(Path credentials) {
    try {
      return DemoSeeder.JSON.readTree(Files.readString(credentials)).path("users").size() > 0;
    } catch (IOException | RuntimeException e) {
      return false; // being written
    }
  }

  /** Adds {@code "partners":[{"agency","url","credentials"}]} to this node's credentials file (DESIGN.md). */
  private void listIn(Path mainCredentials) {
    try {
      ObjectNode doc = (ObjectNode) DemoSeeder.JSON.readTree(Files.readString(mainCredentials));
      List<Map<String, String>> list = new ArrayList<>();
      for (Node n : nodes) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("agency", n.agency().id());
        p.put("url", n.url());
        p.put("credentials", n.credentials().toString());
        list.add(p);
      }
      doc.set("partners", DemoSeeder.JSON.valueToTree(list));
      Path tmp = Files.createTempFile(mainCredentials.getParent(), "demo-credentials", ".tmp");
      Files.writeString(tmp, DemoSeeder.JSON.writeValueAsString(doc));
      Files.move(tmp, mainCredentials, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the partners in " + mainCredentials, e);
    }
  }

  /** The agency name in a data directory's glassplate.properties, or null. */
  private static String agencyName(Path data) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(data.resolve("glassplate.properties"), StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      return null;
    }
    String name = p.getProperty("glassplate.agency.name");
    return name == null || name.isBlank() ? null : name.strip();
  }

  /** The partner's own agency, written once: the launcher keeps an existing glassplate.properties. */
  private static void writeSettingsOnce(Path data, PartnerAgency agency) throws IOException {
    Path local = data.resolve("glassplate.properties");
    if (Files.exists(local)) {
      return;
    }
    Files.writeString(local, """
        # A partner agency of the demo (./glassplate demo --partners N), started by the demo in %s.
        # glassplate.agency.id is part of the audit log's origin: never change it once the log has entries.
        glassplate.agency.id=%s
        glassplate.agency.name=%s
        glassplate.agency.state=CA
        glassplate.agency.time-zone=America/Los_Angeles
        """.formatted(data.getParent().getParent(), agency.id(), agency.name()), StandardCharsets.UTF_8);
  }

  /** The port the partner had last time when it is free now (so its agreements stay as they are), else a free one. */
  private static int port(Path data) throws IOException {
    Path file = data.resolve("demo-port");
    if (Files.exists(file)) {
      try {
        int last = Integer.parseInt(Files.readString(file).strip());
        if (free(last)) {
          return last;
        }
      } catch (NumberFormatException e) {
        // written by hand: take a new one
      }
    }
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Files.writeString(file, port + "\n");
    return port;
  }

  private static boolean free(int port) {
    if (port < 1 || port > 65535) {
      return false;
    }
    try (ServerSocket s = new ServerSocket(port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}

package org.glassplate.log.verify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.MemoryTileLog;

/**
 * Serves a log built in a test the way a Glassplate server does (DESIGN.md): key, checkpoint,
 * tiles and consistency proofs under /api/v1/audit on 127.0.0.1. Tests swap the log, the key or
 * the checkpoint, and override single resources to tamper with them.
 */
final class TestLogServer implements AutoCloseable {
  static final String ORIGIN = "glassplate.test/glassplate/agency-1";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Map<String, byte[]> overrides = new ConcurrentHashMap<>();
  private volatile MemoryTileLog log;
  private volatile Ed25519NoteSigner signer;
  private volatile String servedKey;
  private volatile byte[] checkpoint;
  private volatile Function<String, byte[]> proofAnswer;
  private volatile boolean gzip;

  TestLogServer(MemoryTileLog log, Ed25519NoteSigner signer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/api/v1/audit/", this::handle);
    serve(log, signer);
    server.start();
  }

  /** Serves this log, signed now by this key. */
  void serve(MemoryTileLog log, Ed25519NoteSigner signer) {
    this.log = log;
    this.signer = signer;
    this.servedKey = signer.verifierKey();
    this.checkpoint = signer.sign(new Checkpoint(ORIGIN, log.size(), log.root()).body()).getBytes(StandardCharsets.UTF_8);
    this.proofAnswer = null;
    overrides.clear();
  }

  void serveKey(String verifierKey) {
    this.servedKey = verifierKey;
  }

  void serveCheckpoint(String note) {
    this.checkpoint = note.getBytes(StandardCharsets.UTF_8);
  }

  /** Replaces the resource at a path under /api/v1/audit/ (null bytes = 404). */
  void override(String path, byte[] bytes) {
    overrides.put(path, bytes == null ? NOT_FOUND : bytes);
  }

  /** Compresses every answer with Content-Encoding: gzip, as tlog-tiles allows for bundles. */
  void gzip(boolean on) {
    this.gzip = on;
  }

  void overrideConsistencyProof(Function<String, byte[]> answer) {
    this.proofAnswer = answer;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static final byte[] NOT_FOUND = new byte[0];

  static {
    // The JDK server writes headers and body separately; with Nagle's algorithm on, the client's
    // delayed ACK stalls each response by tens of milliseconds. Real servers set TCP_NODELAY.
    // Read once, when the server classes load, so it must be set before the first server.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath().substring("/api/v1/audit/".length());
      String query = ex.getRequestURI().getRawQuery();
      byte[] body = overrides.get(path);
      if (body == NOT_FOUND) {
        body = null;
      } else if (body == null) {
        body = switch (path) {
          case "key" -> (servedKey + "\n").getBytes(StandardCharsets.UTF_8);
          case "checkpoint" -> checkpoint;
          case "proof/consistency" -> proofAnswer != null ? proofAnswer.apply(query) : consistency(query);
          default -> log.get(path);
        };
      }
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (gzip) {
        java.io.ByteArrayOutputStream z = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(z)) {
          g.write(body);
        }
        body = z.toByteArray();
        ex.getResponseHeaders().set("Content-Encoding", "gzip");
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private byte[] consistency(String query) {
    long from = -1;
    long to = -1;
    for (String kv : query.split("&")) {
      String[] p = kv.split("=", 2);
      if (p[0].equals("from")) {
        from = Long.parseLong(p[1]);
      } else if (p[0].equals("to")) {
        to = Long.parseLong(p[1]);
      }
    }
    List<byte[]> proof = Proofs.consistency(from, to, log.hashReader());
    return consistencyJson(from, to, proof);
  }

  static byte[] consistencyJson(long from, long to, List<byte[]> proof) {
    StringBuilder b = new StringBuilder("{\"from\":" + from + ",\"to\":" + to + ",\"hashes\":[");
    for (int i = 0; i < proof.size(); i++) {
      b.append(i > 0 ? "," : "").append('"').append(Base64.getEncoder().encodeToString(proof.get(i))).append('"');
    }
    return b.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

package org.glassplate.bench.log;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves prebuilt log resources under /api/v1/audit/ on 127.0.0.1, as a Glassplate server would,
 * with as little server work as possible (bytes from a map), so that timings show the client.
 */
final class TileServer implements AutoCloseable {
  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, delayed ACKs stall
    // every response. Read once when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor;

  TileServer(Map<String, byte[]> resources, int port, int threads) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    executor = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-tile-server");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/api/v1/audit/", ex -> {
      try (ex) {
        byte[] body = resources.get(ex.getRequestURI().getRawPath().substring("/api/v1/audit/".length()));
        if (body == null) {
          ex.sendResponseHeaders(404, -1);
          return;
        }
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

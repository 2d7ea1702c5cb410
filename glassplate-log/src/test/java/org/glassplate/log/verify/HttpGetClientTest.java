package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpGetClient} and {@link HttpLogSource} against a scripted server on a raw socket: each
 * request gets the next scripted answer byte for byte, so framing, keep-alive and refusals of
 * malformed answers are tested exactly.
 */
class HttpGetClientTest {
  private final ScriptedServer server = new ScriptedServer();

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void readsContentLengthAndChunkedBodiesOverOneKeptAliveConnection() throws IOException {
    server.answer("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
    server.answer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0003;ext=1\r\nabc\r\n"
        + "A\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n");
    server.answer("HTTP/1.1 200 \r\ncontent-length: 0\r\n\r\n");
    try (HttpGetClient c = client()) {
      assertThat(body(c.get("/a", "identity"))).isEqualTo("hello");
      assertThat(body(c.get("/b?x=1", "identity"))).isEqualTo("abc0123456789");
      assertThat(body(c.get("/c", "identity"))).isEmpty();
    }
    assertThat(server.connections.get()).as("one keep-alive connection for all three").isEqualTo(1);
    assertThat(server.requests).hasSize(3);
    assertThat(server.requests.get(1)).startsWith("GET /b?x=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\n");
  }

  @Test
  void opensANewConnectionAfterConnectionCloseAndReadsABodyUntilTheEnd() throws IOException {
    server.answer("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
    server.answer("HTTP/1.1 200 OK\r\n\r\nto the end");
    server.answer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    try (HttpGetClient c = client()) {
      assertThat(body(c.get("/a", "identity"))).isEqualTo("ok");
      assertThat(body(c.get("/b", "identity"))).isEqualTo("to the end");
      assertThat(c.get("/c", "identity").status()).isEqualTo(404);
    }
    assertThat(server.connections.get()).isEqualTo(3);
  }

  @Test
  void retriesOnceOnANewConnectionWhenTheServerClosedAnIdleOne() throws IOException {
    server.answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\na");
    server.closeWithoutAnswer(); // the server dropped the idle keep-alive connection
    server.answer("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nb");
    try (HttpGetClient c = client()) {
      assertThat(body(c.get("/a", "identity"))).isEqualTo("a");
      assertThat(body(c.get("/b", "identity"))).isEqualTo("b");
    }
  }

  @Test
  void refusesMalformedAnswers() throws IOException {
    List<String> bad = List.of(
        "HTTP/2 200 OK\r\nContent-Length: 1\r\n\r\na",
        "HTTP/1.1 2x0 OK\r\nContent-Length: 1\r\n\r\na",
        "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\na",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n1\r\na\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\na\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nabc\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1FFFFFFFF\r\na\r\n0\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Header\r\nContent-Length: 1\r\n\r\na",
        "HTTP/1.1 200 OK\r\nContent-Length: 1000000000000\r\n\r\na",
        "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nab");
    for (String answer : bad) {
      server.answer(answer);
      try (HttpGetClient c = client()) {
        assertThatThrownBy(() -> c.get("/x", "identity")).as(answer).isInstanceOf(IOException.class);
      }
    }
  }

  @Test
  void logSourceInflatesGzipFollowsRedirectsAndMaps404ToNull() throws IOException {
    byte[] gz = gzip("tile bytes");
    server.answer("HTTP/1.1 302 Found\r\nLocation: /moved/api/v1/audit/tile/0/000\r\nContent-Length: 0\r\n\r\n");
    server.answer(("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: " + gz.length + "\r\n\r\n"), gz);
    server.answer("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
    server.answer("HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n");
    try (HttpLogSource source = new HttpLogSource(URI.create("http://127.0.0.1:" + server.port() + "/"))) {
      assertThat(new String(source.get("tile/0/000"), StandardCharsets.UTF_8)).isEqualTo("tile bytes");
      assertThat(source.get("tile/0/001")).isNull();
      assertThatThrownBy(() -> source.get("checkpoint")).isInstanceOf(IOException.class).hasMessageContaining("HTTP 500");
    }
    assertThat(server.requests.get(0)).startsWith("GET /api/v1/audit/tile/0/000 HTTP/1.1\r\n");
    assertThat(server.requests.get(1)).startsWith("GET /moved/api/v1/audit/tile/0/000 HTTP/1.1\r\n");
  }

  @Test
  void refusesOtherSchemes() {
    assertThatThrownBy(() -> new HttpLogSource(URI.create("ftp://example.org")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HttpGetClient(URI.create("file:///etc/passwd"), 1000, 1000))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private HttpGetClient client() {
    return new HttpGetClient(URI.create("http://127.0.0.1:" + server.port()), 2_000, 5_000);
  }

  private static String body(HttpGetClient.Response r) {
    assertThat(r.status()).isEqualTo(200);
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  private static byte[] gzip(String s) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(b)) {
      z.write(s.getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  /** Answers each request with the next script step; a step may close the connection instead. */
  private static final class ScriptedServer implements AutoCloseable {
    private static final byte[] CLOSE = new byte[0];
    private final ServerSocket socket;
    private final BlockingQueue<byte[]> script = new LinkedBlockingQueue<>();
    final AtomicInteger connections = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new ArrayList<>();

    ScriptedServer() {
      try {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Thread t = new Thread(this::acceptLoop, "scripted-http");
      t.setDaemon(true);
      t.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    void answer(String head, byte[]... body) {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      b.writeBytes(head.getBytes(StandardCharsets.ISO_8859_1));
      for (byte[] x : body) {
        b.writeBytes(x);
      }
      script.add(b.toByteArray());
    }

    void closeWithoutAnswer() {
      script.add(CLOSE);
    }

    private void acceptLoop() {
      while (!socket.isClosed()) {
        try {
          Socket s = socket.accept();
          connections.incrementAndGet();
          synchronized (open) {
            open.add(s);
          }
          Thread t = new Thread(() -> serve(s), "scripted-http-conn");
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void serve(Socket s) {
      try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
        while (true) {
          String request = readHead(in);
          if (request == null) {
            return;
          }
          byte[] step = script.take();
          if (step == CLOSE) {
            return; // drops the connection: the client sees the end of the stream
          }
          requests.add(request);
          out.write(step);
          out.flush();
          String text = new String(step, StandardCharsets.ISO_8859_1);
          if (text.contains("Connection: close") || !(text.contains("Content-Length") || text.contains("chunked"))) {
            return;
          }
        }
      } catch (IOException | InterruptedException e) {
        // the test ended
      }
    }

    private static String readHead(InputStream in) throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        b.append((char) c);
        if (b.length() >= 4 && b.substring(b.length() - 4).equals("\r\n\r\n")) {
          return b.toString();
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
      synchronized (open) {
        for (Socket s : open) {
          s.close();
        }
      }
    }
  }
}

package org.glassplate.bench.audit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A minimal blocking HTTP/1.1 keep-alive client for latency measurements: one socket, one request
 * at a time, no thread hand-offs (java.net.http passes each exchange between threads, which on a
 * busy 2-core machine adds scheduling delay of its own to the tail). GET only, Content-Length bodies.
 */
final class RawHttp implements AutoCloseable {
  private final URI base;
  private final String host;
  private Socket socket;
  private OutputStream out;
  private InputStream in;

  RawHttp(String baseUrl) throws IOException {
    this.base = URI.create(baseUrl);
    this.host = base.getHost() + ":" + base.getPort();
    connect();
  }

  private void connect() throws IOException {
    socket = new Socket(base.getHost(), base.getPort());
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 65536);
  }

  /**
   * GETs {@code path}; returns the body, or throws unless the status is 200. When the server ends the
   * connection (Tomcat does after 100 requests), the next call opens a new one, inside its timing.
   */
  String get(String path) throws IOException {
    if (socket == null) {
      connect();
    }
    out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: keep-alive\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String status = line();
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      String lower = h.toLowerCase(java.util.Locale.ROOT);
      if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      } else if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      }
    }
    byte[] body;
    if (chunked) {
      java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
      for (int n = Integer.parseInt(line().trim(), 16); n > 0; n = Integer.parseInt(line().trim(), 16)) {
        b.write(in.readNBytes(n));
        line();
      }
      line();
      body = b.toByteArray();
    } else {
      body = in.readNBytes(Math.max(0, length));
    }
    if (close) {
      socket.close();
      socket = null;
    }
    if (!status.contains(" 200 ")) {
      throw new IOException("GET " + path + ": " + status);
    }
    return new String(body, StandardCharsets.UTF_8);
  }

  private String line() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed");
      }
      if (c != '\r') {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    if (socket != null) {
      socket.close();
    }
  }
}

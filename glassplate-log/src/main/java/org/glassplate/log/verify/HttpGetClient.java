package org.glassplate.log.verify;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A small, strict HTTP/1.1 client for the verifier: GET only, over plain sockets ({@code http://})
 * or {@link SSLSocketFactory} sockets with host name verification ({@code https://}), with
 * keep-alive connections reused by whichever thread asks next (one request at a time on each).
 *
 * <p>Why not java.net.http: a verifier run is thousands of sequential GETs per thread, and the
 * JDK client hands every exchange between its selector thread and the caller, which was about
 * 45% of the verifier's CPU time on a cold JVM. Here the calling thread writes the request and
 * reads the response itself, straight into a byte array of the announced length.
 *
 * <p>Strict: the status line must be {@code HTTP/1.x NNN}; header lines must be well formed and
 * the head at most {@value #MAX_HEAD} bytes; a body is framed by {@code Content-Length} (digits
 * only, one value) or {@code Transfer-Encoding: chunked} (nothing else, and never both), or, when
 * neither is present, by the end of the connection; bodies larger than {@value #MAX_BODY} bytes
 * are refused. A reused connection the server closed while idle is retried once on a new one (GET
 * is idempotent); any other failure is an {@link IOException}.
 */
final class HttpGetClient implements AutoCloseable {
  static final int MAX_HEAD = 64 * 1024;
  static final int MAX_BODY = 256 * 1024 * 1024;
  private static final int MAX_IDLE = 64;

  private final boolean tls;
  private final String host; // for the socket: no IPv6 brackets
  private final int port;
  private final String hostHeader;
  private final int connectTimeoutMillis;
  private final int readTimeoutMillis;
  private final ArrayDeque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  /** A response: status, the two headers the verifier needs, and the body. */
  record Response(int status, String contentEncoding, String location, byte[] body) {}

  /**
   * @param origin {@code http://host[:port]} or {@code https://host[:port]}; a path is ignored
   */
  HttpGetClient(URI origin, int connectTimeoutMillis, int readTimeoutMillis) {
    Objects.requireNonNull(origin, "origin");
    String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException("only http:// and https:// URLs, got " + origin);
    }
    if (origin.getHost() == null || origin.getRawUserInfo() != null) {
      throw new IllegalArgumentException("need a URL of the form scheme://host[:port], got " + origin);
    }
    this.tls = scheme.equals("https");
    String h = origin.getHost();
    this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    int defaultPort = tls ? 443 : 80;
    this.port = origin.getPort() < 0 ? defaultPort : origin.getPort();
    this.hostHeader = port == defaultPort ? h : h + ":" + port;
    this.connectTimeoutMillis = connectTimeoutMillis;
    this.readTimeoutMillis = readTimeoutMillis;
  }

  /** GETs a path and query ({@code /…}) on this origin. */
  Response get(String pathAndQuery, String acceptEncoding) throws IOException {
    boolean target = pathAndQuery.startsWith("/");
    for (int i = 0; target && i < pathAndQuery.length(); i++) {
      char ch = pathAndQuery.charAt(i);
      target = ch > ' ' && ch < 0x7f;
    }
    if (!target) {
      throw new IllegalArgumentException("not a request target: " + pathAndQuery);
    }
    byte[] request = ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + hostHeader
        + "\r\nUser-Agent: glassplate-verify\r\nAccept-Encoding: " + acceptEncoding + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
    Connection c = takeIdle();
    if (c != null) {
      try {
        return exchange(c, request);
      } catch (StaleConnection e) {
        c.close(); // closed by the server while idle: once more on a new connection
      }
    }
    c = open();
    try {
      return exchange(c, request);
    } catch (StaleConnection e) {
      throw new IOException("GET " + pathAndQuery + ": the server closed the connection without answering");
    }
  }

  private Response exchange(Connection c, byte[] request) throws IOException {
    boolean ok = false;
    try {
      Response r;
      try {
        c.out.write(request);
        c.out.flush();
        if (!c.fill()) {
          throw new StaleConnection();
        }
      } catch (StaleConnection e) {
        throw e;
      } catch (IOException e) {
        if (c.used) {
          throw new StaleConnection();
        }
        throw e;
      }
      r = c.readResponse();
      ok = true;
      return r;
    } finally {
      if (ok && c.reusable) {
        c.used = true;
        giveBack(c);
      } else {
        c.close();
      }
    }
  }

  private synchronized Connection takeIdle() {
    return idle.pollFirst();
  }

  private void giveBack(Connection c) {
    synchronized (this) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.addFirst(c);
        return;
      }
    }
    c.close();
  }

  private Connection open() throws IOException {
    Socket s = new Socket();
    try {
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      s.setSoTimeout(readTimeoutMillis);
      if (tls) {
        SSLSocket ssl = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(s, host, port, true);
        SSLParameters p = ssl.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        ssl.setSSLParameters(p);
        ssl.startHandshake();
        s = ssl;
      }
      return new Connection(s);
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @Override
  public void close() {
    ArrayDeque<Connection> all;
    synchronized (this) {
      closed = true;
      all = new ArrayDeque<>(idle);
      idle.clear();
    }
    all.forEach(Connection::close);
  }

  /** A reused connection that the server had closed: nothing of an answer was read. */
  private static final class StaleConnection extends IOException {
    StaleConnection() {
      super("stale connection");
    }
  }

  /** One keep-alive connection with its read buffer. */
  private static final class Connection {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int lim;
    boolean used;
    boolean reusable;

    Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing: nothing to do
      }
    }

    /** Reads more bytes into the buffer (compacting it first); false at the end of the stream. */
    boolean fill() throws IOException {
      if (pos > 0) {
        System.arraycopy(buf, pos, buf, 0, lim - pos);
        lim -= pos;
        pos = 0;
      }
      if (lim == buf.length) {
        throw new IOException("HTTP response head longer than " + buf.length + " bytes");
      }
      int n = in.read(buf, lim, buf.length - lim);
      if (n < 0) {
        return false;
      }
      lim += n;
      return true;
    }

    Response readResponse() throws IOException {
      int headBytes = 0;
      while (true) {
        String statusLine = line();
        headBytes += statusLine.length();
        int status = parseStatus(statusLine);
        boolean http10 = statusLine.startsWith("HTTP/1.0");
        long contentLength = -1;
        boolean chunked = false;
        boolean close = http10;
        String encoding = null;
        String location = null;
        while (true) {
          String h = line();
          headBytes += h.length() + 2;
          if (headBytes > MAX_HEAD) {
            throw new IOException("HTTP response head longer than " + MAX_HEAD + " bytes");
          }
          if (h.isEmpty()) {
            break;
          }
          int colon = h.indexOf(':');
          if (colon <= 0 || h.charAt(0) == ' ' || h.charAt(0) == '\t' || h.charAt(colon - 1) == ' ') {
            throw new IOException("malformed HTTP header line: " + printable(h));
          }
          String name = h.substring(0, colon).toLowerCase(Locale.ROOT);
          String value = h.substring(colon + 1).strip();
          switch (name) {
            case "content-length" -> {
              long v = parseLength(value);
              if (contentLength >= 0 && contentLength != v) {
                throw new IOException("HTTP response with two different Content-Length values");
              }
              contentLength = v;
            }
            case "transfer-encoding" -> {
              if (!value.equalsIgnoreCase("chunked") || chunked) {
                throw new IOException("unsupported Transfer-Encoding: " + printable(value));
              }
              chunked = true;
            }
            case "connection" -> {
              for (String token : value.split(",")) {
                String t = token.strip();
                if (t.equalsIgnoreCase("close")) {
                  close = true;
                } else if (t.equalsIgnoreCase("keep-alive") && http10) {
                  close = false;
                }
              }
            }
            case "content-encoding" -> encoding = value;
            case "location" -> location = value;
            default -> {
              // not needed
            }
          }
        }
        if (status >= 100 && status < 200) {
          continue; // an interim answer (100 Continue, 103 Early Hints): the real one follows
        }
        if (chunked && contentLength >= 0) {
          throw new IOException("HTTP response with both Content-Length and Transfer-Encoding");
        }
        byte[] body;
        if (status == 204 || status == 304) {
          body = new byte[0];
        } else if (chunked) {
          body = chunkedBody();
        } else if (contentLength >= 0) {
          body = new byte[(int) contentLength];
          readFully(body, 0, body.length);
        } else {
          body = untilClose();
          close = true;
        }
        reusable = !close && pos == lim; // nothing unasked-for may follow an answer
        return new Response(status, encoding, location, body);
      }
    }

    private static int parseStatus(String line) throws IOException {
      // HTTP/1.1 200 OK  (the reason phrase may be empty)
      if (line.length() < 12 || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
          || (line.length() > 12 && line.charAt(12) != ' ')) {
        throw new IOException("not an HTTP/1.1 status line: " + printable(line));
      }
      int status = 0;
      for (int i = 9; i < 12; i++) {
        char ch = line.charAt(i);
        if (ch < '0' || ch > '9') {
          throw new IOException("not an HTTP/1.1 status line: " + printable(line));
        }
        status = status * 10 + (ch - '0');
      }
      if (status < 100) {
        throw new IOException("not an HTTP/1.1 status line: " + printable(line));
      }
      return status;
    }

    private static long parseLength(String v) throws IOException {
      boolean digits = !v.isEmpty() && v.length() <= 10;
      for (int i = 0; digits && i < v.length(); i++) {
        digits = v.charAt(i) >= '0' && v.charAt(i) <= '9';
      }
      if (!digits) {
        throw new IOException("malformed Content-Length: " + printable(v));
      }
      long n = Long.parseLong(v);
      if (n > MAX_BODY) {
        throw new IOException("HTTP response body of " + n + " bytes, more than the " + MAX_BODY + " allowed");
      }
      return n;
    }

    /** One line of the head, without its CRLF (a bare LF is accepted, RFC 9112 §2.2). */
    private String line() throws IOException {
      int scanned = pos;
      while (true) {
        for (int i = scanned; i < lim; i++) {
          if (buf[i] == '\n') {
            int end = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
            for (int k = pos; k < end; k++) {
              byte b = buf[k];
              if ((b < 0x20 && b != '\t') || b == 0x7f) {
                throw new IOException("control character in an HTTP response head");
              }
            }
            String s = new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1);
            pos = i + 1;
            return s;
          }
        }
        scanned = lim - pos; // after fill() the unread bytes start at 0
        if (!fill()) {
          throw new EOFException("the connection ended inside an HTTP response head");
        }
      }
    }

    private void readFully(byte[] dst, int off, int len) throws IOException {
      int buffered = Math.min(len, lim - pos);
      System.arraycopy(buf, pos, dst, off, buffered);
      pos += buffered;
      off += buffered;
      len -= buffered;
      while (len > 0) {
        int n = in.read(dst, off, len);
        if (n < 0) {
          throw new EOFException("the connection ended " + len + " bytes before the end of an HTTP body");
        }
        off += n;
        len -= n;
      }
    }

    private byte[] chunkedBody() throws IOException {
      byte[] body = new byte[16 * 1024];
      int size = 0;
      int headBytes = 0;
      while (true) {
        String sizeLine = line();
        int semi = sizeLine.indexOf(';'); // chunk extensions are ignored
        String hex = (semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip();
        boolean valid = !hex.isEmpty() && hex.length() <= 16;
        for (int i = 0; valid && i < hex.length(); i++) {
          valid = Character.digit(hex.charAt(i), 16) >= 0;
        }
        if (!valid) {
          throw new IOException("malformed chunk size: " + printable(sizeLine));
        }
        String significant = hex.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 8) {
          throw new IOException("HTTP response body of more than the " + MAX_BODY + " bytes allowed");
        }
        long n = Long.parseLong(significant, 16);
        if (n == 0) {
          break;
        }
        if (size + n > MAX_BODY) {
          throw new IOException("HTTP response body of more than the " + MAX_BODY + " bytes allowed");
        }
        if (size + n > body.length) {
          body = Arrays.copyOf(body, (int) Math.max(size + n, Math.min((long) body.length * 2, MAX_BODY)));
        }
        readFully(body, size, (int) n);
        size += (int) n;
        if (!line().isEmpty()) {
          throw new IOException("a chunk is longer than its size says");
        }
      }
      while (true) { // trailer fields, up to the empty line
        String t = line();
        headBytes += t.length() + 2;
        if (headBytes > MAX_HEAD) {
          throw new IOException("HTTP trailer longer than " + MAX_HEAD + " bytes");
        }
        if (t.isEmpty()) {
          return size == body.length ? body : Arrays.copyOf(body, size);
        }
      }
    }

    private byte[] untilClose() throws IOException {
      byte[] body = Arrays.copyOfRange(buf, pos, lim);
      int size = body.length;
      pos = lim;
      while (true) {
        if (size == body.length) {
          if (size >= MAX_BODY) {
            throw new IOException("HTTP response body of more than the " + MAX_BODY + " bytes allowed");
          }
          body = Arrays.copyOf(body, (int) Math.min(Math.max(16 * 1024, (long) size * 2), MAX_BODY));
        }
        int n = in.read(body, size, body.length - size);
        if (n < 0) {
          return Arrays.copyOf(body, size);
        }
        size += n;
      }
    }

    private static String printable(String s) {
      String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
      return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
  }
}

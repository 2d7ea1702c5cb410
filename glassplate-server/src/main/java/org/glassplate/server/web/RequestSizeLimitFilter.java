package org.glassplate.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413 (2 MiB by default): by the declared length before
 * reading, and by counting when the body is chunked. Endpoints in {@link #STREAMED} are exempt: they
 * read their body as a stream, in batches of bounded size, and limit each line themselves, so a
 * body of any length takes the same memory.
 */
final class RequestSizeLimitFilter extends OncePerRequestFilter {
  /** POST paths whose bodies are processed as streams: the CSV bulk import of reads. */
  static final java.util.Set<String> STREAMED = java.util.Set.of("/api/v1/reads/import");

  private final long maxBytes;
  private final ErrorStatuses statuses;
  /** POST paths allowed a larger body ({@link LargeBody}), with their own limit. */
  private final java.util.Map<String, Long> larger;

  RequestSizeLimitFilter(long maxBytes, ErrorStatuses statuses) {
    this(maxBytes, statuses, java.util.List.of());
  }

  RequestSizeLimitFilter(long maxBytes, ErrorStatuses statuses, java.util.List<LargeBody> largeBodies) {
    this.maxBytes = maxBytes;
    this.statuses = statuses;
    java.util.Map<String, Long> m = new java.util.HashMap<>();
    largeBodies.forEach(b -> m.merge(b.path(), b.maxBytes(), Math::max));
    this.larger = java.util.Map.copyOf(m);
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return "POST".equals(request.getMethod()) && STREAMED.contains(request.getRequestURI());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long max = "POST".equals(request.getMethod())
        ? larger.getOrDefault(request.getRequestURI().substring(request.getContextPath().length()), maxBytes)
        : maxBytes;
    if (request.getContentLengthLong() > max) {
      BearerTokenFilter.writeError(response, statuses, WebRefusal.BODY_TOO_LARGE,
          "request body is larger than " + max + " bytes");
      return;
    }
    chain.doFilter(new Limited(request, max), response);
  }

  /** Thrown while reading a body that turns out to be over the limit; mapped to 413. */
  public static final class BodyTooLarge extends IOException {
    BodyTooLarge(long max) {
      super("request body is larger than " + max + " bytes");
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {
    private final long max;
    private ServletInputStream stream;

    Limited(HttpServletRequest request, long max) {
      super(request);
      this.max = max;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        ServletInputStream in = super.getInputStream();
        stream = new ServletInputStream() {
          private long count;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0 && ++count > max) {
              throw new BodyTooLarge(max);
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0 && (count += n) > max) {
              throw new BodyTooLarge(max);
            }
            return n;
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}

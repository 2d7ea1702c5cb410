package org.glassplate.server.web;

/**
 * A POST endpoint whose body may be larger than the server's usual limit ({@code glassplate.http.max-body-bytes},
 * 2 MiB): a feature contributes one as a bean for an upload it streams to disk (the vendor audit exports, issue 17),
 * and {@link RequestSizeLimitFilter} holds that endpoint to this limit instead, by the declared length, before the
 * body is read.
 *
 * @param path the request path, exactly
 * @param maxBytes the largest body accepted there
 */
public record LargeBody(String path, long maxBytes) {
  public LargeBody {
    if (path == null || !path.startsWith("/") || maxBytes < 1) {
      throw new IllegalArgumentException("a large body needs a path and a positive limit");
    }
  }
}

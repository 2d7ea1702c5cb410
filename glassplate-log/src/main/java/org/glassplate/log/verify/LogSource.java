package org.glassplate.log.verify;

import java.io.IOException;

/**
 * Where the verifier reads a log's public resources, by path relative to the log's prefix:
 * {@code key}, {@code checkpoint}, {@code tile/…} and {@code proof/consistency?from=&to=}.
 * {@link HttpLogSource} reads them from a Glassplate server; a server's self-audit can read its
 * own store.
 */
@FunctionalInterface
public interface LogSource {
  /**
   * The resource's bytes, or null if the log does not have it (HTTP 404).
   *
   * @throws IOException if it cannot be fetched
   */
  byte[] get(String path) throws IOException, InterruptedException;
}

package org.glassplate.server.hotlist;

/**
 * How many hits of one group (a list, a match kind, or all) people verified and what they found
 * (R-HOT-3, published on the transparency page, R-PUB-1). {@link #accuracy()} is the share of
 * verified hits that were confirmed, or null while none is verified.
 *
 * @param group e.g. {@code all}, {@code exact}, or the list's id
 */
public record HitAccuracy(String group, long alerts, long verified, long confirmed, long misread, long staleEntry,
    long other) {

  @com.fasterxml.jackson.annotation.JsonProperty("accuracy")
  public Double accuracy() {
    return verified == 0 ? null : (double) confirmed / verified;
  }
}

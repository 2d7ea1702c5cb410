package org.glassplate.server.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.function.Function;

/**
 * Who may scrape {@code GET /actuator/prometheus} (issue 18): a request from this machine, or one with
 * the metrics token. "From this machine" means a loopback source address and no forwarding header: a
 * reverse proxy on the same machine connects from 127.0.0.1 for every client, and its
 * {@code X-Forwarded-For} (or {@code Forwarded}, {@code X-Real-IP}) then says the request came from
 * elsewhere, so it needs the token. A token that is present must be the right one, even locally.
 */
public final class MetricsAccess {
  private static final java.util.regex.Pattern IPV4_LOOPBACK =
      java.util.regex.Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  static final List<String> FORWARDING_HEADERS = List.of("Forwarded", "X-Forwarded-For", "X-Real-IP");

  private MetricsAccess() {
  }

  /** What a scrape request is. */
  public enum Decision {
    /** From this machine, without a token. */
    LOCAL(true),
    /** With the metrics token. */
    TOKEN(true),
    /** From elsewhere (or forwarded), without a token. */
    NO_TOKEN(false),
    /** With a token that is not the metrics token, or an Authorization header that is not {@code Bearer}. */
    WRONG_TOKEN(false);

    private final boolean admitted;

    Decision(boolean admitted) {
      this.admitted = admitted;
    }

    public boolean admitted() {
      return admitted;
    }
  }

  /**
   * @param remoteAddress the TCP peer's address (an IP literal, as the servlet container gives it)
   * @param header the request's header of that name, or null
   */
  public static Decision decide(String remoteAddress, Function<String, String> header, MetricsToken token) {
    String authorization = header.apply("Authorization");
    if (authorization != null) {
      boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
      return bearer && token.matches(authorization.substring(7).strip()) ? Decision.TOKEN : Decision.WRONG_TOKEN;
    }
    return isLoopback(remoteAddress) && FORWARDING_HEADERS.stream().allMatch(h -> header.apply(h) == null)
        ? Decision.LOCAL : Decision.NO_TOKEN;
  }

  static boolean isLoopback(String address) {
    if (address == null) {
      return false;
    }
    String a = address.strip();
    if (IPV4_LOOPBACK.matcher(a).matches()) {
      return true;
    }
    if (!a.contains(":")) {
      return false; // another IPv4 address, or a name: never resolved here (no DNS lookup on a request)
    }
    try {
      // with a colon, an IPv6 literal (parsed, never looked up): ::1, or an IPv4-mapped 127.x address
      return InetAddress.getByName(a).isLoopbackAddress();
    } catch (UnknownHostException | SecurityException e) {
      return false;
    }
  }
}

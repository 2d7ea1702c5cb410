package org.glassplate.server.web;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.core.RefusalCode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The one table from refusal code to HTTP status (STYLE.md 6), joined from every feature's
 * {@link RefusalStatuses}. The application does not start when two enums declare the same code
 * string or one enum is mapped twice; {@code RefusalRegistryTest} also checks that every code of
 * every enum has a status.
 */
@Component
public class ErrorStatuses {
  private final Map<RefusalCode, HttpStatus> statuses;

  public ErrorStatuses(List<RefusalStatuses<?>> contributions) {
    this.statuses = Collections.unmodifiableMap(join(contributions));
  }

  /** Every code with its status, enum by enum in declaration order. */
  public static Map<RefusalCode, HttpStatus> join(List<RefusalStatuses<?>> contributions) {
    Map<RefusalCode, HttpStatus> out = new LinkedHashMap<>();
    Map<String, RefusalCode> byString = new HashMap<>();
    for (RefusalStatuses<?> c : contributions) {
      addAll(c, out, byString);
    }
    return out;
  }

  private static <C extends Enum<C> & RefusalCode> void addAll(RefusalStatuses<C> c, Map<RefusalCode, HttpStatus> out,
      Map<String, RefusalCode> byString) {
    for (C code : c.codes().getEnumConstants()) {
      RefusalCode other = byString.putIfAbsent(code.code(), code);
      if (other != null) {
        throw new IllegalStateException("refusal code " + code.code() + " is declared by both "
            + other.getClass().getSimpleName() + " and " + code.getClass().getSimpleName()
            + ": reuse one constant for one meaning");
      }
      HttpStatus status = c.status(code);
      if (status == null || !status.isError()) {
        throw new IllegalStateException("refusal code " + code.code() + " needs a 4xx or 5xx status, not " + status);
      }
      out.put(code, status);
    }
  }

  /**
   * The status of a code; 500 for a code no feature mapped (a defect the registry test catches;
   * still a refusal, never the data).
   */
  public HttpStatus of(RefusalCode code) {
    return statuses.getOrDefault(code, HttpStatus.INTERNAL_SERVER_ERROR);
  }

  /** The status a refusal is answered with. */
  public HttpStatus of(Refusal refusal) {
    return of(refusal.refusalCode());
  }

  /** Whether some feature mapped this code. */
  boolean maps(RefusalCode code) {
    return statuses.containsKey(code);
  }
}

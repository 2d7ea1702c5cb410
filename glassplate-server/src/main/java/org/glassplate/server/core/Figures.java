package org.glassplate.server.core;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operational figures (issue 18, {@code /actuator/prometheus}) are recorded through here, so that a
 * failure to record one never fails the action it measures: it is logged once, by type only.
 * A label value must come from a closed set; {@link #code} holds a code to that.
 */
public final class Figures {
  private static final Logger log = LoggerFactory.getLogger(Figures.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();
  private static final Pattern CODE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

  private Figures() {
  }

  /** Runs {@code recording}; whatever it throws is swallowed (and logged the first time). */
  public static void record(Runnable recording) {
    try {
      recording.run();
    } catch (RuntimeException | LinkageError e) {
      if (WARNED.compareAndSet(false, true)) {
        log.warn("recording a metric failed ({}); the action went on", e.getClass().getName());
      }
    }
  }

  /**
   * A label value for a code (an enum constant's name, a reason code): itself when it has the form
   * of one, else {@code OTHER}, so that a label can never carry free text nor grow without bound.
   */
  public static String code(String code) {
    return code != null && CODE.matcher(code).matches() ? code : "OTHER";
  }
}

package org.glassplate.log.verify;

import java.util.OptionalLong;

/**
 * A log failed verification. When the failure is about particular entries, {@link #index()} is
 * the first index that does not match; the message says what was expected and what was found.
 */
public class LogVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long index;

  /** A failure of the log as a whole (signature, key, rollback, consistency). */
  public LogVerificationException(String why) {
    super(why);
    this.index = -1;
  }

  /** A failure at entry {@code index}. */
  public LogVerificationException(long index, String why) {
    super(why);
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    this.index = index;
  }

  /** The first entry index that does not match, if the failure is about entries. */
  public OptionalLong index() {
    return index < 0 ? OptionalLong.empty() : OptionalLong.of(index);
  }

  /** The line the command prints: {@code FAIL index=I: why} or {@code FAIL: why}. */
  public String failLine() {
    return index < 0 ? "FAIL: " + getMessage() : "FAIL index=" + index + ": " + getMessage();
  }
}

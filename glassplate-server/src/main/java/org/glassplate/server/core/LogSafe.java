package org.glassplate.server.core;

/**
 * Makes a failure fit for a log line (R-AUD-4): our own messages never carry personal data, but a
 * library's may quote what it was given (a parser quoting a plate, a driver quoting a row), so what
 * is logged keeps every exception's type and stack trace and drops every message.
 */
public final class LogSafe {
  private LogSafe() {
  }

  /** A copy of the cause chain with messages replaced by the exception types. */
  public static Throwable redact(Throwable t) {
    if (t == null) {
      return null;
    }
    Throwable copy = new Redacted(t.getClass().getName(), redact(t.getCause()));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static final class Redacted extends RuntimeException {
    Redacted(String type, Throwable cause) {
      super(type + " (message withheld)", cause, false, true);
    }
  }
}

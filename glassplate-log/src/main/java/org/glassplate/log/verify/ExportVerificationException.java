package org.glassplate.log.verify;

/**
 * An export package failed verification; the message names the file and says what was expected and
 * what was found.
 */
public class ExportVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public ExportVerificationException(String why) {
    super(why);
  }

  public ExportVerificationException(String why, Throwable cause) {
    super(why, cause);
  }
}

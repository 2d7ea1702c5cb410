package org.glassplate.server.accounts.web;

import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/** The view model of {@code accounts/totp.jte}; {@code enrollment} only at the first sign-in. */
public record TotpView(Layout layout, String heading, RefusalView refusal, Enrollment enrollment) {

  /** A new authenticator secret, shown once. */
  public record Enrollment(String qrCodeDataUri, String secret) {
  }
}

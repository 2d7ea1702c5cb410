package org.glassplate.server.accounts.web;

import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;

/** The view model of {@code accounts/login.jte}. */
public record LoginView(Layout layout, String agencyName, RefusalView refusal, boolean signedOut) {
}

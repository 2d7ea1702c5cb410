package org.glassplate.server.accounts.web;

import org.glassplate.server.web.Layout;

/** The view model of {@code accounts/home.jte}. */
public record HomeView(Layout layout, String displayName, String username, String roles, boolean trained) {
}

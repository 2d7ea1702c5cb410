package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What the one page layout ({@code src/main/jte/layout/page.jte}) needs from a request: the page's
 * title, the links the caller's roles open, and the request's CSRF token for the forms
 * ({@code tag/csrf.jte}). Every page's view model carries one.
 *
 * @param title the page's title, shown in the browser's tab
 * @param nav the navigation links, by role; only the public page when nobody is signed in
 * @param csrf the token of this request, or null where the request has none
 */
public record Layout(String title, List<Link> nav, CsrfToken csrf) {

  /** A navigation link. */
  public record Link(String href, String text) {
  }

  public Layout {
    nav = List.copyOf(nav);
  }

  /** The layout of a page for the caller of the current request. */
  public static Layout of(String title, HttpServletRequest request) {
    return new Layout(title, nav(CallerAuthentication.current().orElse(null)),
        request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token : null);
  }

  static List<Link> nav(Caller caller) {
    List<Link> links = new ArrayList<>();
    if (caller != null && caller.kind() == Caller.Kind.USER) {
      links.add(new Link("/", "Home"));
      links.add(new Link("/account", "My account and API tokens"));
      if (caller.hasRole(Roles.INVESTIGATOR)) {
        links.add(new Link("/search", "Search plate reads"));
      }
      if (caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.AUDITOR)) {
        links.add(new Link("/holds", "Legal holds and extensions"));
      }
      if (caller.hasRole(Roles.ADMINISTRATOR)) {
        links.add(new Link("/admin/accounts", "Accounts"));
        links.add(new Link("/admin/policy", "Policy"));
      }
    }
    links.add(new Link("/transparency", "Transparency"));
    return links;
  }
}

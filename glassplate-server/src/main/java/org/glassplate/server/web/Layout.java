package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Roles;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * What the one page layout ({@code src/main/jte/layout/page.jte}) needs from a request: the page's
 * title, the navigation bar of the caller's roles, and the request's CSRF token for the forms
 * ({@code tag/csrf.jte}, and the sign-out button of the bar). Every page's view model carries one.
 *
 * @param title the page's title, shown in the browser's tab
 * @param nav the navigation links, by role; the public page and the sign-in page when nobody is signed in
 * @param csrf the token of this request, or null where the request has none
 * @param signedIn whether a person is signed in: the bar then offers sign-out
 */
public record Layout(String title, List<Link> nav, CsrfToken csrf, boolean signedIn) {

  /** A navigation link; {@code current} marks the page shown. */
  public record Link(String href, String text, boolean current) {
  }

  public Layout {
    nav = List.copyOf(nav);
  }

  public Layout(String title, List<Link> nav, CsrfToken csrf) {
    this(title, nav, csrf, false);
  }

  /** The layout of a page for the caller of the current request. */
  public static Layout of(String title, HttpServletRequest request) {
    Caller caller = CallerAuthentication.current().orElse(null);
    boolean person = caller != null && caller.kind() == Caller.Kind.USER;
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return new Layout(title, nav(caller, path),
        request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token : null,
        person);
  }

  /** The pages a caller's roles open, in the order of a working day. */
  static List<Link> nav(Caller caller, String path) {
    List<Link> links = new ArrayList<>();
    if (caller != null && caller.kind() == Caller.Kind.USER) {
      add(links, path, "/", "Home");
      if (caller.hasRole(Roles.OPERATOR)) {
        add(links, path, "/operator", "Alerts");
      }
      if (caller.hasRole(Roles.INVESTIGATOR)) {
        add(links, path, "/search", "Search");
      }
      if (caller.hasRole(Roles.INVESTIGATOR)) {
        add(links, path, "/holds/mine", "My holds");
      }
      if (caller.hasRole(Roles.SUPERVISOR) || caller.hasRole(Roles.AUDITOR)) {
        add(links, path, "/holds", "Holds");
      }
      if (caller.hasRole(Roles.SUPERVISOR)) {
        add(links, path, "/hotlists", "Hot lists");
      } else if (caller.hasRole(Roles.ADMINISTRATOR)) {
        add(links, path, "/hotlists/import", "Hot-list import");
      }
      if (caller.hasRole(Roles.ADMINISTRATOR)) {
        add(links, path, "/admin/accounts", "Accounts");
        add(links, path, "/admin/policy", "Policy");
      }
      if (caller.hasRole(Roles.AUDITOR)) {
        add(links, path, "/oversight/findings", "Findings");
        add(links, path, "/oversight/investigations", "Investigations");
        add(links, path, "/oversight/reports", "Misuse report");
        add(links, path, "/transparency?audit#audit-browser", "Audit log");
        add(links, path, "/oversight/self-audits", "Self-audits");
        add(links, path, "/oversight/vendor-audits", "Vendor audits");
      }
      add(links, path, "/transparency", "Transparency");
      add(links, path, "/account", "My account");
    } else {
      add(links, path, "/transparency", "Transparency");
      add(links, path, "/login", "Sign in");
    }
    return links;
  }

  /** The pages a caller's roles open (without marking one as shown). */
  static List<Link> nav(Caller caller) {
    return nav(caller, "");
  }

  private static void add(List<Link> links, String path, String href, String text) {
    String page = href.contains("?") ? href.substring(0, href.indexOf('?')) : href.contains("#")
        ? href.substring(0, href.indexOf('#')) : href;
    boolean current = page.equals(path) && links.stream().noneMatch(Link::current) && !href.contains("#");
    links.add(new Link(href, text, current));
  }
}

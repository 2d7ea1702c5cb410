package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Escaping for server-rendered pages: every value that reaches HTML goes through {@link #esc};
 * and the hidden CSRF field every form needs ({@link #csrf}).
 */
public final class Html {
  private Html() {
  }

  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /** The hidden CSRF field of a form posted back to this server; empty where the request has no token. */
  public static String csrf(HttpServletRequest request) {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      return "<input type=\"hidden\" name=\"" + esc(token.getParameterName()) + "\" value=\"" + esc(token.getToken())
          + "\">";
    }
    return "";
  }
}

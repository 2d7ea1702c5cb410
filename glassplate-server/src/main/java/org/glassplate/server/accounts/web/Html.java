package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;

/** Small, plain server-rendered pages: no script, everything escaped. */
final class Html {
  private Html() {
  }

  static String esc(Object value) {
    return org.glassplate.server.web.Html.esc(value);
  }

  /** The hidden CSRF field every form needs. */
  static String csrf(HttpServletRequest request) {
    return org.glassplate.server.web.Html.csrf(request);
  }

  static String page(String title, String body) {
    return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>%s · Glassplate</title>
        <style>
          body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2230}
          .banner{border:2px solid #8a5a00;background:#fff6e0;padding:.8rem 1rem;margin:1rem 0}
          .error{border:1px solid #a00;background:#fde8e8;padding:.6rem 1rem}
          .note{border:1px solid #2a6;background:#e8f8ee;padding:.6rem 1rem}
          label{display:block;margin:.6rem 0 .2rem}
          input[type=text],input[type=password],input[type=number],input[type=date]{padding:.4rem;width:18rem}
          button{margin-top:.8rem;padding:.4rem 1rem}
          table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccd;padding:.3rem .6rem;text-align:left}
          code{background:#eef;padding:.1rem .3rem;word-break:break-all}
          nav a{margin-right:1rem}
          form.inline{display:inline}
        </style></head>
        <body>
        %s
        </body></html>
        """.formatted(esc(title), body);
  }
}

package org.glassplate.server.accounts.web;

import static org.glassplate.server.accounts.web.Html.csrf;
import static org.glassplate.server.accounts.web.Html.esc;
import static org.glassplate.server.accounts.web.Html.page;

import jakarta.servlet.http.HttpServletRequest;
import org.glassplate.server.accounts.PasswordVerified;
import org.glassplate.server.accounts.SignIn;
import org.glassplate.server.web.Agency;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in pages: username and password under the consent banner, then the TOTP code, or at
 * the first sign-in the authenticator enrollment (QR code and secret, shown once). The forms post
 * to Spring Security's filters ({@code POST /login}, {@code POST /login/totp}).
 */
@Controller
class SignInPages {
  static final String CONSENT = """
      <div class="banner" id="consent"><strong>Authorized use only.</strong> This system holds automated
      license plate reader data of %s. Use it only for the purposes the agency's published policy allows.
      Every sign-in, search and other access is recorded in a tamper-evident audit log that the public
      can inspect, and misuse is investigated and reported. By signing in you consent to this monitoring.</div>""";

  private final SignIn signIn;
  private final Agency agency;

  SignInPages(SignIn signIn, Agency agency) {
    this.signIn = signIn;
    this.agency = agency;
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> login(HttpServletRequest request) {
    String message = "";
    if (request.getParameter("error") != null) {
      message = "<p class=\"error\" id=\"error\">Sign-in failed. Check your username, password and code. After "
          + "5 failed attempts within 15 minutes an account is locked until an administrator releases it.</p>";
    } else if (request.getParameter("signedOut") != null) {
      message = "<p class=\"note\" id=\"signed-out\">You are signed out.</p>";
    }
    String body = """
        <h1>Sign in to Glassplate</h1>
        %s
        %s
        <form method="post" action="/login" id="password-form">
          %s
          <label for="username">Username</label><input type="text" id="username" name="username" autocomplete="username" required autofocus>
          <label for="password">Password</label><input type="password" id="password" name="password" autocomplete="current-password" required>
          <div><button type="submit" id="sign-in">Continue</button></div>
        </form>
        <p>Next you enter the 6-digit code of your authenticator app.</p>
        """.formatted(CONSENT.formatted(esc(agency.name())), message, csrf(request));
    return html(page("Sign in", body));
  }

  @GetMapping(value = "/login/totp", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> totp(HttpServletRequest request) {
    if (!(SecurityContextHolder.getContext().getAuthentication() instanceof PasswordVerified first)) {
      return ResponseEntity.status(303).header("Location", "/login").build();
    }
    String error = request.getParameter("error") != null
        ? "<p class=\"error\" id=\"error\">That code is not right (or was already used). Try the next one.</p>" : "";
    String enrollment = "";
    String heading = "Enter your authenticator code";
    if (signIn.needsEnrollment(first.accountId())) {
      SignIn.Enrollment e = signIn.beginEnrollment(first.accountId());
      heading = "Set up your authenticator";
      enrollment = """
          <p>Multi-factor authentication is required. Scan this QR code with an authenticator app (RFC 6238 TOTP),
          or type the secret in. It is shown only now: reloading this page makes a new one.</p>
          <p><img id="qr" alt="QR code of your authenticator secret" src="%s"></p>
          <p>Secret: <code id="totp-secret">%s</code></p>
          """.formatted(esc(e.qrCodeDataUri()), esc(e.secret()));
    }
    String body = """
        <h1>%s</h1>
        %s
        %s
        <form method="post" action="/login/totp" id="totp-form">
          %s
          <label for="code">6-digit code</label><input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required autofocus>
          <div><button type="submit" id="verify">Sign in</button></div>
        </form>
        <form method="post" action="/logout">%s<button type="submit">Cancel</button></form>
        """.formatted(esc(heading), error, enrollment, csrf(request), csrf(request));
    return html(page(heading, body));
  }

  static ResponseEntity<String> html(String body) {
    // pages may show secrets (enrollment, new tokens): never cache them
    return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore()).body(body);
  }
}

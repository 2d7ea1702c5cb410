package org.glassplate.server.accounts.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.glassplate.server.accounts.PasswordVerified;
import org.glassplate.server.accounts.SignIn;
import org.glassplate.server.accounts.SignInRefused;
import org.glassplate.server.core.Agency;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * The sign-in pages: username and password under the consent banner, then the TOTP code, or at
 * the first sign-in the authenticator enrollment (QR code and secret, shown once). The forms post
 * to Spring Security's filters ({@code POST /login}, {@code POST /login/totp}).
 */
@Controller
class SignInPages {
  private final SignIn signIn;
  private final Agency agency;

  SignInPages(SignIn signIn, Agency agency) {
    this.signIn = signIn;
    this.agency = agency;
  }

  @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView login(HttpServletRequest request, HttpServletResponse response) {
    RefusalView refusal = request.getParameter("error") == null ? null : new RefusalView(HttpStatus.OK, null,
        toldLocked(request) ? "Your account is locked: there were 5 failed sign-in attempts within 15 minutes. "
            + "Only an administrator of " + agency.name() + " can release it: ask one of your Glassplate "
            + "administrators (they release it on the Accounts page). Signing in again will not unlock it."
            : "Sign-in failed. Check your username, password and code. After 5 failed attempts within 15 minutes an "
            + "account is locked until an administrator releases it.", null);
    Pages.noStore(response);
    return Pages.page("accounts/login", new LoginView(Layout.of("Sign in · Glassplate", request), agency.name(),
        refusal, refusal == null && request.getParameter("signedOut") != null));
  }

  /** Whether the last sign-in gave the right password of a locked account (said once, then forgotten). */
  private static boolean toldLocked(HttpServletRequest request) {
    var session = request.getSession(false);
    if (session == null || session.getAttribute(SignInRefused.TOLD_LOCKED) == null) {
      return false;
    }
    session.removeAttribute(SignInRefused.TOLD_LOCKED);
    return true;
  }

  @GetMapping(value = "/login/totp", produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView totp(HttpServletRequest request, HttpServletResponse response) {
    if (!(SecurityContextHolder.getContext().getAuthentication() instanceof PasswordVerified first)) {
      RedirectView toLogin = new RedirectView("/login");
      toLogin.setStatusCode(HttpStatus.SEE_OTHER);
      return new ModelAndView(toLogin);
    }
    RefusalView refusal = request.getParameter("error") == null ? null
        : new RefusalView(HttpStatus.OK, null, "That code is not right (or was already used). Try the next one.", null);
    TotpView.Enrollment enrollment = null;
    String heading = "Enter your authenticator code";
    if (signIn.needsEnrollment(first.accountId())) {
      SignIn.Enrollment e = signIn.beginEnrollment(first.accountId());
      heading = "Set up your authenticator";
      enrollment = new TotpView.Enrollment(e.qrCodeDataUri(), e.secret());
    }
    Pages.noStore(response);
    return Pages.page("accounts/totp",
        new TotpView(Layout.of(heading + " · Glassplate", request), heading, refusal, enrollment));
  }
}

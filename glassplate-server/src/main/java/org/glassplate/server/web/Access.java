package org.glassplate.server.web;

import org.glassplate.server.core.Roles;
import java.util.Arrays;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Authorization rules shared by every feature. A camera credential is ingest-only (R-ING-1), so it
 * is refused even on public pages; everything else follows the role named.
 */
public final class Access {

  private Access() {
  }

  /** Anyone, signed in or not, except a camera credential. */
  public static AuthorizationManager<RequestAuthorizationContext> publicAccess() {
    return new AuthorizationManager<>() {
      @Override
      public AuthorizationResult authorize(Supplier<? extends Authentication> auth, RequestAuthorizationContext ctx) {
        return new AuthorizationDecision(!isCamera(auth.get()));
      }
    };
  }

  /** A caller holding at least one of these roles. */
  public static AuthorizationManager<RequestAuthorizationContext> anyRole(String... roles) {
    return new AuthorizationManager<>() {
      @Override
      public AuthorizationResult authorize(Supplier<? extends Authentication> auth, RequestAuthorizationContext ctx) {
        Authentication a = auth.get();
        if (a == null || !a.isAuthenticated()) {
          return new AuthorizationDecision(false);
        }
        boolean ok = a.getAuthorities().stream()
            .anyMatch(g -> Arrays.stream(roles).anyMatch(r -> g.getAuthority().equals("ROLE_" + r)));
        return new AuthorizationDecision(ok);
      }
    };
  }

  static boolean isCamera(Authentication a) {
    return a != null && a.getAuthorities().stream().anyMatch(g -> g.getAuthority().equals("ROLE_" + Roles.CAMERA));
  }
}

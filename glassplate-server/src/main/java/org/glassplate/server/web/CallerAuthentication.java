package org.glassplate.server.web;

import org.glassplate.server.core.Caller;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** An authenticated {@link Caller}; its authorities are {@code ROLE_<role>}. */
public final class CallerAuthentication extends AbstractAuthenticationToken {
  private final Caller caller;

  public CallerAuthentication(Caller caller) {
    super(caller.roles().stream().map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList());
    this.caller = caller;
    setAuthenticated(true);
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Caller getPrincipal() {
    return caller;
  }

  @Override
  public String getName() {
    return caller.pseudonym();
  }

  /** The caller of the current request, if it is authenticated as one. */
  public static Optional<Caller> current() {
    Authentication a = SecurityContextHolder.getContext().getAuthentication();
    if (a != null && a.getPrincipal() instanceof Caller c) {
      return Optional.of(c);
    }
    return Optional.empty();
  }

}

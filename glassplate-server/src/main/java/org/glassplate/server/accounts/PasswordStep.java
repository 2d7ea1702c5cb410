package org.glassplate.server.accounts;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Spring Security's form login hands the password step to this provider. It is the only
 * authentication provider (so Spring Boot creates no default user); it yields a
 * {@link PasswordVerified}, never a signed-in person: the TOTP step must follow.
 */
@Component
class PasswordStep implements AuthenticationProvider {
  private final SignIn signIn;

  PasswordStep(SignIn signIn) {
    this.signIn = signIn;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String address = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    Object credentials = authentication.getCredentials();
    return signIn.verifyPassword(authentication.getName(), credentials == null ? null : credentials.toString(),
        address);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}

package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Set;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.context.SecurityContextImpl;

/** What a browser session keeps must survive the session store (Spring Session JDBC serializes it). */
class SessionAttributesTest {

  @Test
  void aSignedInPersonsSecurityContextSurvivesSerialization() throws Exception {
    Caller person = new Caller(Caller.Kind.USER, 17, "user:17", Set.of(Roles.INVESTIGATOR), "192.0.2.7");
    CallerAuthentication signedIn = new CallerAuthentication(person);
    Instant at = Instant.parse("2026-11-30T10:15:30Z");
    signedIn.setDetails(new InteractiveSignIn(at));

    SecurityContextImpl got = roundTrip(new SecurityContextImpl(signedIn));

    assertThat(got.getAuthentication()).isInstanceOf(CallerAuthentication.class);
    assertThat(got.getAuthentication().getPrincipal()).isEqualTo(person);
    assertThat(got.getAuthentication().getDetails()).isEqualTo(new InteractiveSignIn(at));
    assertThat(got.getAuthentication().getAuthorities()).extracting(Object::toString)
        .containsExactly("ROLE_" + Roles.INVESTIGATOR);
  }

  @Test
  void thePasswordStepSurvivesSerializationWithoutGrantingARole() throws Exception {
    Instant at = Instant.parse("2026-11-30T10:15:30Z");
    SecurityContextImpl got = roundTrip(new SecurityContextImpl(new PasswordVerified(17, at)));

    PasswordVerified first = (PasswordVerified) got.getAuthentication();
    assertThat(first.accountId()).isEqualTo(17);
    assertThat(first.verifiedAt()).isEqualTo(at);
    assertThat(first.getAuthorities()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}

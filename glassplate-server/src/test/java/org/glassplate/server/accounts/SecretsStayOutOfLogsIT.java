package org.glassplate.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.glassplate.server.accounts.AccountsTesting.username;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.glassplate.server.support.IntegrationTest;
import org.glassplate.server.core.Roles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * R-ACC-6, R-AUD-4: after every step that handles a password, TOTP secret or code, or token
 * (creation, sign-in with enrollment, failures, lockout, password change, token creation, use and
 * revocation), none of them appears in the log output or in any audit entry, public or private.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT extends IntegrationTest {
  @Autowired
  AccountSeeder seeder;

  @Test
  void noPasswordTotpSecretOrTokenAppearsInAnyLogLineOrAuditEntry(CapturedOutput output) {
    List<String> secrets = new ArrayList<>();
    AccountSeeder.SeededUser admin = seeder.seed(AccountSeeder.Spec.of(username("leakadmin"), "Lea Admin",
        Roles.ADMINISTRATOR));
    secrets.addAll(List.of(admin.password(), admin.totpSecret(), admin.apiToken()));

    String name = username("leak");
    String password = "quiet lantern harbour 5150";
    String typo = "quiet lantern harbour 5151";
    String commonOne = "Password1234";
    secrets.addAll(List.of(password, typo, commonOne));
    post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Leo Leak","password":"%s","roles":["INVESTIGATOR"]}""".formatted(name, commonOne));
    long id = post("/api/v1/accounts", admin.apiToken(), """
        {"username":"%s","displayName":"Leo Leak","password":"%s","roles":["INVESTIGATOR"]}""".formatted(name, password))
        .json().get("id").asLong();

    WebSession web = new WebSession(baseUrl());
    web.password(name, typo);
    web.password(password, password); // a password typed into the username field
    web.password(name, password);
    web.page("/login/totp");
    String totpSecret = web.enrollmentSecret();
    secrets.add(totpSecret);
    web.form("/login/totp", Map.of("code", "000000"));
    String code = Totp.code(totpSecret, Totp.step(clock.instant()));
    secrets.add(totpSecret.toLowerCase());
    web.form("/login/totp", Map.of("code", code));
    String newPassword = "second quiet lantern 6262";
    secrets.add(newPassword);
    web.page("/account");
    web.form("/account/password", Map.of("currentPassword", password, "newPassword", newPassword));
    String token = web.json("POST", "/api/v1/tokens", "{\"name\":\"leak test\",\"days\":5}").json().get("token")
        .asString();
    secrets.add(token);
    get("/api/v1/me", token);
    long tokenId = get("/api/v1/tokens", token).json().get("tokens").get(0).get("id").asLong();
    web.json("DELETE", "/api/v1/tokens/" + tokenId, null);
    get("/api/v1/me", token);
    get("/api/v1/me", token + "x");
    for (int i = 0; i < 6; i++) {
      new WebSession(baseUrl()).password(name, typo + i);
      secrets.add(typo + i);
    }
    clock.advance(Duration.ofMinutes(40));
    web.page("/");

    assertThat(output.getAll()).as("the capture sees the application's log").contains("user:" + id + " locked after");
    List<String> audit = jdbc.sql("""
            SELECT convert_from(entry, 'UTF8') || ' ' || private_fields FROM """ + org.glassplate.server.support.AuditEntries.ALL
            + " ORDER BY id")
        .query(String.class).list();
    assertThat(audit).as("the steps were audited").hasSizeGreaterThan(15);
    assertThat(String.join("\n", audit)).contains("user:" + id);
    for (String secret : secrets) {
      assertThat(output.getAll()).as("log output").doesNotContain(secret);
      for (String entry : audit) {
        assertThat(entry).as("audit entry").doesNotContain(secret);
      }
    }
    for (String entry : audit) {
      assertThat(entry).as("no TOTP code either").doesNotContain("\"" + code + "\"");
    }
  }
}

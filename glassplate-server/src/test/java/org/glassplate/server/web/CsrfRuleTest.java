package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Which requests need the CSRF token (issue 12 item 9). */
class CsrfRuleTest {
  record Case(String name, String method, String path, boolean session, String authorization, boolean want) {
  }

  static final List<Case> CASES = List.of(
      new Case("an API call the session cookie signs in", "POST", "/api/v1/alerts/1/verification", true, null, true),
      new Case("a DELETE with the session cookie", "DELETE", "/api/v1/tokens/4", true, null, true),
      new Case("a PUT with the session cookie", "PUT", "/api/v1/accounts/4/roles", true, null, true),
      new Case("a PATCH with the session cookie", "PATCH", "/api/v1/anything", true, null, true),
      new Case("a bearer-token call", "POST", "/api/v1/searches", false, "Bearer gpu_x", false),
      new Case("a bearer-token call that also has a session", "POST", "/api/v1/searches", true, "Bearer gpu_x", false),
      new Case("camera ingest with its credential", "POST", "/api/v1/reads", false, "Bearer gpc_x", false),
      new Case("an API call with no credential at all (401 anyway)", "POST", "/api/v1/searches", false, null, false),
      new Case("reading the API with the session cookie", "GET", "/api/v1/alerts", true, null, false),
      new Case("a page form", "POST", "/account/password", true, null, true),
      new Case("the sign-in form, before any session", "POST", "/login", false, null, true),
      new Case("a page form sent with a bearer token", "POST", "/admin/policy/proposals", false, "Bearer gpu_x", true));

  @Test
  void stateChangingRequestsThatTheSessionCookieSignsInNeedTheToken() {
    for (Case c : CASES) {
      MockHttpServletRequest r = new MockHttpServletRequest(c.method(), c.path());
      if (c.session()) {
        r.getSession(true);
      }
      if (c.authorization() != null) {
        r.addHeader("Authorization", c.authorization());
      }
      assertThat(SecurityConfig.needsCsrfToken(r)).as(c.name()).isEqualTo(c.want());
    }
  }
}

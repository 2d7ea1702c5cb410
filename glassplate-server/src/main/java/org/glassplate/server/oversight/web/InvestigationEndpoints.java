package org.glassplate.server.oversight.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.core.Roles;
import org.glassplate.server.web.EndpointRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Misuse investigations and the annual misuse report, their API and their pages, are for auditors only
 * (R-GOV-4); the public sees the report's totals on the transparency page.
 */
@Configuration
class InvestigationEndpoints {

  @Bean
  EndpointRules investigationRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, "/api/v1/oversight/investigations", "/api/v1/oversight/investigations/*")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, "/api/v1/oversight/investigations",
            "/api/v1/oversight/investigations/*/assignment", "/api/v1/oversight/investigations/*/steps",
            "/api/v1/oversight/investigations/*/outcome")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, InvestigationPages.PATH, InvestigationPages.PATH + "/*")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, InvestigationPages.PATH, InvestigationPages.PATH + "/*/assignment",
            InvestigationPages.PATH + "/*/steps", InvestigationPages.PATH + "/*/outcome")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, MisuseReportPages.PATH, MisuseReportPages.PATH + "/*")
        .access(anyRole(Roles.AUDITOR));
  }
}

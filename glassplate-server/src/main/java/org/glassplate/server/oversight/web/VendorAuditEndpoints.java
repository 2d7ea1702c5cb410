package org.glassplate.server.oversight.web;

import static org.glassplate.server.web.Access.anyRole;

import org.glassplate.server.core.Roles;
import org.glassplate.server.web.EndpointRules;
import org.glassplate.server.web.LargeBody;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Vendor audit uploads, their progress and their reports are for auditors only (R-GOV-5, issue 17): the exports hold
 * plates, searchers, case numbers and reasons of another system. The upload may be as large as
 * {@code glassplate.oversight.vendor-audit.max-upload-bytes} (512 MiB by default; a million-row export is 100 to
 * 200 MB).
 */
@Configuration
class VendorAuditEndpoints {

  @Bean
  EndpointRules vendorAuditRules() {
    return a -> a
        .requestMatchers(HttpMethod.GET, VendorAuditPages.PATH, VendorAuditPages.PATH + "/*",
            VendorAuditPages.PATH + "/*/*", VendorAuditController.API, VendorAuditController.API + "/*")
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.POST, VendorAuditPages.PATH, VendorAuditController.API)
        .access(anyRole(Roles.AUDITOR))
        .requestMatchers(HttpMethod.GET, VendorAuditPages.SCRIPT).access(anyRole(Roles.AUDITOR));
  }

  @Bean
  LargeBody vendorAuditUpload(@Value("${glassplate.oversight.vendor-audit.max-upload-bytes:536870912}") long max) {
    return new LargeBody(VendorAuditPages.PATH, max);
  }

  @Bean
  LargeBody vendorAuditApiUpload(@Value("${glassplate.oversight.vendor-audit.max-upload-bytes:536870912}") long max) {
    return new LargeBody(VendorAuditController.API, max);
  }
}

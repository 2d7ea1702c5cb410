/**
 * The agency's ALPR usage and privacy policy (R-GOV-1, R-GOV-2, Civil Code 1798.90.51): one YAML
 * document per version, two-person approved proposals, the legal floor in code (R-SHR-2), and
 * purpose screening of searches (R-SRCH-2).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "reads", "accounts"})
package org.glassplate.server.policy;

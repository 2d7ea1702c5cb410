/**
 * Audited searches of plate reads (R-SRCH-1 to R-SRCH-4): only with a case number, an offense from
 * the policy and a lawful reason, screened for prohibited purposes, bounded by retention, and on the
 * record with a log index before any result is shown.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "reads", "policy", "accounts", "hotlist", "sharing"})
package org.glassplate.server.search;

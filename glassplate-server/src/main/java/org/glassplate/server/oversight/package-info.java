/**
 * Oversight: the daily self-audit, misuse findings, investigations and the annual misuse report.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "policy", "accounts"})
package org.glassplate.server.oversight;

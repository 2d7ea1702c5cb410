/**
 * Oversight: the daily self-audit, misuse findings, investigations and the annual misuse report.
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"core", "web", "audit", "policy", "accounts", "hotlist", "reads", "search"})
package org.glassplate.server.oversight;

/**
 * Hot lists (local, state, NCIC extract), their entries and approvals, matching of every read as it
 * arrives (exact, look-alike, partial), alerts to operators and their human verification
 * (R-HOT-1 to R-HOT-4).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "accounts", "reads", "policy"})
package org.glassplate.server.hotlist;

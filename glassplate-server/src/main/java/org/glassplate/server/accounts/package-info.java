/**
 * People and how they prove who they are (R-ACC-1 to R-ACC-6): accounts and roles, passwords,
 * TOTP, training records, lockout, inactivity, personal API tokens and the browser session.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit"})
package org.glassplate.server.accounts;

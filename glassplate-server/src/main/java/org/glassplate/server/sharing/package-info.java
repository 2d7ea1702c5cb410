/**
 * Sharing with partner agencies (R-SHR-1..4): the agreements in force, which are entries of the
 * policy document's sharing section and so approved like the rest of it, and their public list.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "policy"})
package org.glassplate.server.sharing;

/**
 * Retention (R-RET-1 to R-RET-3): the scheduled purge that drops whole day partitions and deletes
 * the boundary day row by row, keeping hit reads for the hit retention and reads under a legal
 * hold or an extension; holds and extensions with their approvals and maxima.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "policy", "search", "reads", "hotlist", "accounts"})
package org.glassplate.server.retention;

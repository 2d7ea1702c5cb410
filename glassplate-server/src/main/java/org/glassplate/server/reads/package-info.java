/**
 * Cameras and their ingest-only credentials, read ingestion in every format (R-ING-1, R-ING-2),
 * plate normalization, and the read store partitioned by capture day.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit"})
package org.glassplate.server.reads;

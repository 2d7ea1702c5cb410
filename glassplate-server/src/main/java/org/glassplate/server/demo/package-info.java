/**
 * The demo: seeds a demo agency on first start (cameras, users, hot lists) with 30 days of its
 * history (reads, hits, searches: issue 16), and runs a camera traffic simulator that replays the
 * shipped traffic profile of a real week of Seattle reads through the real ingest API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "reads", "hotlist", "accounts", "search", "oversight"})
package org.glassplate.server.demo;

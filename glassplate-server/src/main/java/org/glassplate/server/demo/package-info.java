/**
 * The demo: seeds a demo agency on first start (cameras, and later users, a hot list) and runs a
 * camera traffic simulator that replays the shipped traffic profile of a real week of Seattle reads
 * through the real ingest API.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "reads", "hotlist", "accounts"})
package org.glassplate.server.demo;

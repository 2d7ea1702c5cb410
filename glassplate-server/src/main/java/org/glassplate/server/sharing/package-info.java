/**
 * Sharing with other agencies (R-SHR-1 to R-SHR-4): agreements with named agencies, signed
 * node-to-node queries (federation), fan-out and written data requests. So far only the signing of
 * federation requests (RFC 9421, Ed25519) in {@code signing}; the agreements and endpoints follow.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web"})
package org.glassplate.server.sharing;

/**
 * Sharing with partner agencies (R-SHR-1 to R-SHR-4): the agreements in force, which are entries of
 * the policy document's sharing section and so approved like the rest of it, and their public list;
 * the signing of node-to-node federation requests (RFC 9421, Ed25519) in {@code signing}; this node's
 * federation key, the client that signs and sends a query to a partner, and, on the data owner's side,
 * the authentication of a partner's signed query (its search runs in the search feature); written data
 * requests from other public agencies, recorded, reviewed by a second supervisor, kept on file and
 * fulfilled as verifiable export packages ({@link org.glassplate.server.sharing.DataRequests}).
 */
@org.springframework.modulith.ApplicationModule(
    allowedDependencies = {"core", "web", "policy", "audit", "accounts", "reads"})
package org.glassplate.server.sharing;

/**
 * The tamper-evident audit log (R-AUD-1 to R-AUD-4): the recorder every feature writes through
 * (fail closed), the log store, the sequencer that integrates entries into an RFC 9162 Merkle tree
 * and signs C2SP checkpoints, proofs, tiles and the public redacted view.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web"})
package org.glassplate.server.audit;

package org.glassplate.server.audit;

/**
 * The stored log is not in a state the sequencer may append to (it is shorter than its last signed
 * checkpoint, its tiles do not match, another writer moved it, or it is signed with another key).
 * The sequencer stops integrating until that is resolved; recorded entries wait in audit_pending.
 * Messages carry sizes, hashes and key ids only.
 */
final class LogFault extends RuntimeException {
  LogFault(String message) {
    super(message, null, false, false);
  }
}

/**
 * The outside verifier of a Glassplate audit log (R-AUD-2, R-GOV-3): fetches the signed
 * checkpoint, tiles and entry bundles (c2sp.org/tlog-tiles) over HTTP, recomputes the RFC 9162
 * tree, checks the Ed25519 signature against a pinned key and consistency with a trusted earlier
 * checkpoint. {@link org.glassplate.log.verify.VerifyCommand} is {@code glassplate audit verify}.
 */
package org.glassplate.log.verify;

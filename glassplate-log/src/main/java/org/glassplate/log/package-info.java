/**
 * Transparency-log primitives: RFC 9162 Merkle tree hashing ({@link org.glassplate.log.Merkle}),
 * inclusion and consistency proofs ({@link org.glassplate.log.Proofs}) and the compact range a
 * server appends with ({@link org.glassplate.log.MerkleAccumulator}). Plain JDK, no dependencies,
 * so that an outside auditor can verify a Glassplate log with this jar alone (R-AUD-2).
 */
package org.glassplate.log;

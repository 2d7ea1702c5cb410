/**
 * HTTP Message Signatures (RFC 9421) with Ed25519 and Content-Digest (RFC 9530) for the requests
 * partner nodes send each other: the signature base, a signer, a verifier with a strict policy, and
 * a small strict reader of the structured fields (RFC 8941) these headers use.
 */
package org.glassplate.server.sharing.signing;

/**
 * C2SP signed notes (<a href="https://c2sp.org/signed-note">c2sp.org/signed-note</a>, as in Go's
 * golang.org/x/mod/sumdb/note) with Ed25519 keys, and transparency-log checkpoints
 * (<a href="https://c2sp.org/tlog-checkpoint">c2sp.org/tlog-checkpoint</a>) carried in them.
 */
package org.glassplate.log.note;

/** Transparency-log primitives: RFC 9162 Merkle trees, C2SP signed notes and tlog-tiles. */
package org.glassplate.log;

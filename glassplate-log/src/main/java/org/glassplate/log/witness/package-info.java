/**
 * A transparency-log witness (<a href="https://c2sp.org/tlog-witness">c2sp.org/tlog-witness</a>):
 * checks each checkpoint a log submits against the last one it cosigned, cosigns it
 * (<a href="https://c2sp.org/tlog-cosignature">c2sp.org/tlog-cosignature</a>) only when it is
 * consistent, and keeps both signed checkpoints as evidence when it is not (R-AUD-5). Files
 * only: the stand-alone {@code glassplate witness} needs no database and no server.
 */
package org.glassplate.log.witness;

/**
 * The tiled log layout of <a href="https://c2sp.org/tlog-tiles">c2sp.org/tlog-tiles</a>: tile
 * paths, hash tiles, entry bundles, and a {@link org.glassplate.log.HashReader} that computes any
 * proof or root from tiles.
 */
package org.glassplate.log.tiles;

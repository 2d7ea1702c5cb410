package org.glassplate.bench.log;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.TilePath;

/**
 * A deterministic log of audit-like entries (canonical JSON of the public fields plus a
 * commitment, about 330 bytes each, like the server's entries), and every resource a Glassplate
 * server serves for it: key, signed checkpoint, all hash tiles and entry bundles.
 */
final class SyntheticLog {
  static final String ORIGIN = "bench.glassplate.test/glassplate/demo-pd";
  static final Ed25519NoteSigner KEY = Ed25519NoteSigner.fromSeed(ORIGIN, new byte[32]);

  private SyntheticLog() {}

  /** A log of {@code n} entries; {@code small} makes 64-byte entries when only the tree matters. */
  static MemoryTileLog build(int n, boolean small) {
    Random rnd = new Random(42);
    MemoryTileLog log = new MemoryTileLog();
    byte[] commitment = new byte[32];
    for (int i = 0; i < n; i++) {
      rnd.nextBytes(commitment);
      String e = small
          ? String.format("{\"i\":%d,\"c\":\"%s\"}", i, Base64.getEncoder().encodeToString(commitment))
          : "{\"actor\":\"p-" + Integer.toHexString(rnd.nextInt()) + "\",\"actorKind\":\"USER\",\"agency\":\"demo-pd\","
              + "\"camerasCovered\":" + rnd.nextInt(40) + ",\"caseNumberPresent\":true,"
              + "\"commitment\":\"" + Base64.getEncoder().encodeToString(commitment) + "\","
              + "\"offense\":\"PC-" + (100 + rnd.nextInt(900)) + "\",\"outcome\":\"ALLOWED\","
              + "\"reasonCategory\":\"investigation\",\"resultCount\":" + rnd.nextInt(500) + ","
              + "\"roles\":[\"investigator\"],\"time\":\"2026-11-21T10:" + (10 + i % 50) + ":00."
              + (100 + i % 900) + "Z\",\"type\":\"SEARCH\",\"typeCode\":2001,\"index\":" + i + "}";
      log.append(e.getBytes(StandardCharsets.UTF_8));
    }
    return log;
  }

  /** Path under /api/v1/audit/ → bytes, for every resource of the log at its current size. */
  static Map<String, byte[]> resources(MemoryTileLog log) {
    Map<String, byte[]> r = new LinkedHashMap<>();
    r.put("key", (KEY.verifierKey() + "\n").getBytes(StandardCharsets.UTF_8));
    r.put("checkpoint", KEY.sign(new Checkpoint(ORIGIN, log.size(), log.root()).body()).getBytes(StandardCharsets.UTF_8));
    for (TilePath t : TilePath.hashTiles(log.size())) {
      r.put(t.path(), log.get(t.path()));
    }
    for (TilePath t : TilePath.entryBundles(log.size())) {
      r.put(t.path(), log.get(t.path()));
    }
    return r;
  }
}

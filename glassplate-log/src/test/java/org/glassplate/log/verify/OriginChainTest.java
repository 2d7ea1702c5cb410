package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.log.tiles.Tiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** LogVerifier following a log's move to a new key (OriginChain), and refusing a key nobody announced. */
class OriginChainTest {
  private static final String OLD = "chain.test/glassplate/pd";
  private static final String NEW = "chain.test/glassplate/pd/2";
  private final Ed25519NoteSigner oldKey = Ed25519NoteSigner.fromSeed(OLD, filled(1));
  private final Ed25519NoteSigner newKey = Ed25519NoteSigner.fromSeed(NEW, filled(2));
  private final Ed25519NoteSigner forged = Ed25519NoteSigner.fromSeed(NEW, filled(3));

  @TempDir Path dir;

  /** 300 entries under the old key, the last announcing NEW with {@code announced}; then 200 more. */
  private record Rotated(MemoryTileLog log, String trusted, String oldFinal, long finalSize) {
  }

  private Rotated rotated(String announcedKey, boolean announce) {
    MemoryTileLog log = new MemoryTileLog();
    for (int i = 0; i < 299; i++) {
      log.append(("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    String trusted = oldKey.sign(new Checkpoint(OLD, 120, Proofs.root(120, log.hashReader())).body());
    log.append((announce
        ? "{\"newOrigin\":\"" + NEW + "\",\"newVerifierKey\":\"" + announcedKey + "\",\"type\":\"LOG_KEY_ROTATED\",\"typeCode\":158}"
        : "{\"type\":\"SERVER_STOPPED\",\"typeCode\":102}").getBytes(StandardCharsets.UTF_8));
    String oldFinal = oldKey.sign(new Checkpoint(OLD, 300, log.root()).body());
    for (int i = 0; i < 200; i++) {
      log.append(("{\"m\":" + i + "}").getBytes(StandardCharsets.UTF_8));
    }
    return new Rotated(log, trusted, oldFinal, 300);
  }

  private LogSource source(Rotated r, Ed25519NoteSigner current, String origins) {
    return source(r, current, origins, Map.of());
  }

  /** {@link #source(Rotated, Ed25519NoteSigner, String)}, serving {@code overrides} at their paths instead. */
  private LogSource source(Rotated r, Ed25519NoteSigner current, String origins, Map<String, byte[]> overrides) {
    Map<String, byte[]> res = new HashMap<>(overrides);
    res.putIfAbsent("key", current.verifierKey().getBytes(StandardCharsets.UTF_8));
    res.putIfAbsent("checkpoint", current.sign(new Checkpoint(current.name(), r.log().size(), r.log().root()).body())
        .getBytes(StandardCharsets.UTF_8));
    if (origins != null) {
      res.putIfAbsent("origins", origins.getBytes(StandardCharsets.UTF_8));
    }
    return path -> {
      if (path.startsWith("proof/consistency?from=")) {
        String[] q = path.substring("proof/consistency?from=".length()).split("&to=");
        long m = Long.parseLong(q[0]);
        long n = Long.parseLong(q[1]);
        return TestLogServer.consistencyJson(m, n, Proofs.consistency(m, n, r.log().hashReader()));
      }
      return res.containsKey(path) ? res.get(path) : r.log().get(path);
    };
  }

  private String origins(Rotated r, String currentKey) {
    return "{\"origins\":[{\"origin\":\"" + OLD + "\",\"verifierKey\":\"" + oldKey.verifierKey() + "\",\"firstSize\":0,"
        + "\"finalSize\":300,\"finalCheckpoint\":" + jsonString(r.oldFinal()) + ",\"endedAt\":\"2026-12-01T09:00:00Z\"},"
        + "{\"origin\":\"" + NEW + "\",\"verifierKey\":\"" + currentKey + "\",\"firstSize\":300}]}";
  }

  @Test
  void followsAnAnnouncedMoveFromATrustedCheckpointOfTheOldOrigin() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    KnownLogs pins = new KnownLogs(dir.resolve("pins"));
    pins.pin(OLD, oldKey.verifierKey());
    VerifiedLog v = new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 2)
        .verify(pins, r.trusted().getBytes(StandardCharsets.UTF_8), w -> { });
    assertThat(v.checkpoint().origin()).isEqualTo(NEW);
    assertThat(v.checkpoint().size()).isEqualTo(500);
    assertThat(v.verifierKey()).isEqualTo(newKey.verifierKey());
    assertThat(v.moves()).singleElement().satisfies(m -> {
      assertThat(m.origin()).isEqualTo(OLD);
      assertThat(m.finalCheckpoint().size()).isEqualTo(300);
      assertThat(m.nextOrigin()).isEqualTo(NEW);
    });
    assertThat(pins.keyFor(NEW)).contains(newKey.verifierKey()); // learnt from the announcement
  }

  @Test
  void followsTheMoveFromAPinnedOldOriginWithoutATrustedCheckpoint() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    KnownLogs pins = new KnownLogs(dir.resolve("pins"));
    pins.pin(OLD, oldKey.verifierKey());
    VerifiedLog v = new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 2).verify(pins, null, w -> { });
    assertThat(v.moves()).hasSize(1);
    assertThat(v.firstUse()).isFalse();
  }

  @Test
  void refusesANewKeyTheOldOneDidNotAnnounce() {
    Rotated r = rotated(newKey.verifierKey(), false);
    assertThatThrownBy(() -> new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 2)
            .verify(pins(), r.trusted().getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> {
          assertThat(e.getMessage()).contains("is not a LOG_KEY_ROTATED announcement")
              .contains("was not announced by the log's previous key");
          assertThat(e.index()).hasValue(299);
        });
  }

  @Test
  void refusesAForgedKeyServedInsteadOfTheAnnouncedOne() {
    Rotated r = rotated(newKey.verifierKey(), true);
    // the server (or someone in the middle) signs with another key of the new origin's name
    assertThatThrownBy(() -> new LogVerifier(source(r, forged, origins(r, forged.verifierKey())), 2)
            .verify(pins(), r.trusted().getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOf(LogVerificationException.class)
        .hasMessageContaining("announced key " + newKey.verifierKey());
  }

  @Test
  void refusesAMoveWhenTheLogListsNoOrigins() {
    Rotated r = rotated(newKey.verifierKey(), true);
    assertThatThrownBy(() -> new LogVerifier(source(r, newKey, null), 2)
            .verify(pins(), r.trusted().getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOf(LogVerificationException.class)
        .hasMessageContaining("a new key that the old one never announced");
  }

  @Test
  void refusesAFinalCheckpointNotSignedByTheOldKey() {
    Rotated r = rotated(newKey.verifierKey(), true);
    String bad = origins(r, newKey.verifierKey()).replace(jsonString(r.oldFinal()),
        jsonString(forged.sign(new Checkpoint(OLD, 300, r.log().root()).body())));
    assertThatThrownBy(() -> new LogVerifier(source(r, newKey, bad), 2)
            .verify(pins(), r.trusted().getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOf(LogVerificationException.class)
        .hasMessageContaining("the final checkpoint of origin \"" + OLD + "\" does not verify");
  }

  @Test
  void refusesATrustedCheckpointOfTheOldOriginThatTheTreeDoesNotContain() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    String other = oldKey.sign(new Checkpoint(OLD, 120, new byte[32]).body());
    assertThatThrownBy(() -> new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 2)
            .verify(pins(), other.getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOf(LogVerificationException.class)
        .hasMessageContaining("not consistent with the trusted checkpoint of size 120");
  }

  @Test
  void refusesATrustedCheckpointOfTheOldOriginBeyondItsFinalCheckpoint() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    // The old key signed on after it announced its successor: a checkpoint of the old origin at size 400.
    // It is even of this very tree (so consistent with the current checkpoint): only its size gives it away.
    String beyond = oldKey.sign(new Checkpoint(OLD, 400, Proofs.root(400, r.log().hashReader())).body());
    KnownLogs pins = pins();
    assertThatThrownBy(() -> new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 2)
            .verify(pins, beyond.getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("the trusted checkpoint of origin \"" + OLD + "\" has size 400, "
              + "beyond that origin's final checkpoint (size 300)");
          assertThat(e.index()).isEmpty();
        });
    assertThat(pins.keyFor(NEW)).isEmpty(); // nothing learnt from a refused move
  }

  @Test
  void refusesAFinalCheckpointOfTheOldKeyOverAnotherHistory() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    // A fork signed with the old key: the same 300 entries but entry 150, the same announcement last. The log
    // lists the fork's final checkpoint and serves the other history, whose entry 299 is the same announcement.
    MemoryTileLog fork = new MemoryTileLog();
    for (long i = 0; i < 300; i++) {
      fork.append(i == 150 ? "{\"n\":150,\"fork\":true}".getBytes(StandardCharsets.UTF_8) : r.log().entry(i));
    }
    String forkFinal = oldKey.sign(new Checkpoint(OLD, 300, fork.root()).body());
    String forked = origins(r, newKey.verifierKey()).replace(jsonString(r.oldFinal()), jsonString(forkFinal));
    assertThat(forked).isNotEqualTo(origins(r, newKey.verifierKey()));
    String forkRoot = Base64.getEncoder().encodeToString(fork.root());
    // from a trusted checkpoint of the old origin, and from the old origin pinned alone
    for (String trusted : new String[] {r.trusted(), null}) {
      KnownLogs pins = new KnownLogs(dir.resolve("pins-" + (trusted == null)));
      pins.pin(OLD, oldKey.verifierKey());
      assertThatThrownBy(() -> new LogVerifier(source(r, newKey, forked), 2)
              .verify(pins, trusted == null ? null : trusted.getBytes(StandardCharsets.UTF_8), w -> { }))
          .isInstanceOfSatisfying(LogVerificationException.class, e -> {
            assertThat(e.getMessage()).startsWith("the final checkpoint of origin \"" + OLD + "\" (size 300, root "
                + forkRoot + ") is not a prefix of the current tree, whose first 300 entries hash to ");
            assertThat(e.index()).hasValue(299);
          });
      assertThat(pins.keyFor(NEW)).isEmpty();
    }
  }

  @Test
  void refusesAnAnnouncementThatIsNotTheEntryTheTreeHolds() throws Exception {
    Rotated r = rotated(newKey.verifierKey(), true);
    // The old key's final checkpoint is genuine, and so is the tree served; but the entry bundle that ends at the
    // announcement (tile/entries/001.p/44, which the tree of 500 does not use) is a fork's: its entry 299
    // announces the forged key, with which the server then signs the current checkpoint.
    List<byte[]> bundle = new ArrayList<>();
    for (long i = 256; i < 299; i++) {
      bundle.add(r.log().entry(i));
    }
    bundle.add(("{\"newOrigin\":\"" + NEW + "\",\"newVerifierKey\":\"" + forged.verifierKey()
        + "\",\"type\":\"LOG_KEY_ROTATED\",\"typeCode\":158}").getBytes(StandardCharsets.UTF_8));
    String path = TilePath.entryBundle(1, 44);
    assertThat(r.log().get(path)).isNotNull().isNotEqualTo(Tiles.encodeEntryBundle(bundle));
    KnownLogs pins = pins();
    assertThatThrownBy(() -> new LogVerifier(source(r, forged, origins(r, forged.verifierKey()),
            Map.of(path, Tiles.encodeEntryBundle(bundle))), 2)
            .verify(pins, r.trusted().getBytes(StandardCharsets.UTF_8), w -> { }))
        .isInstanceOfSatisfying(LogVerificationException.class, e -> {
          assertThat(e.getMessage()).isEqualTo("entry 299, the announcement of origin \"" + NEW
              + "\", is not the entry the tree holds there");
          assertThat(e.index()).hasValue(299);
        });
    assertThat(pins.keyFor(NEW)).isEmpty();
  }

  @Test
  void verifyCommandPrintsTheMoveAndTheNewOrigin() throws Exception {
    // through the command's own output, as an auditor reads it (over a LogSource: see VerifyCommandTest for HTTP)
    Rotated r = rotated(newKey.verifierKey(), true);
    KnownLogs pins = pins();
    VerifiedLog v = new LogVerifier(source(r, newKey, origins(r, newKey.verifierKey())), 1)
        .verify(pins, r.trusted().getBytes(StandardCharsets.UTF_8), w -> { });
    assertThat(Files.readString(pins.file())).contains(OLD + " " + oldKey.verifierKey())
        .contains(NEW + " " + newKey.verifierKey());
    assertThat(v.checkpoint().origin()).isEqualTo(NEW);
  }

  private KnownLogs pins() throws java.io.IOException {
    KnownLogs pins = new KnownLogs(dir.resolve("pins"));
    pins.pin(OLD, oldKey.verifierKey());
    return pins;
  }

  private static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  private static byte[] filled(int n) {
    byte[] s = new byte[32];
    java.util.Arrays.fill(s, (byte) n);
    return s;
  }
}

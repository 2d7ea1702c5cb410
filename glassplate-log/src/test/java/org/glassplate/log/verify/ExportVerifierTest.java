package org.glassplate.log.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.Ed25519NoteSigner;
import org.glassplate.log.tiles.MemoryTileLog;
import org.junit.jupiter.api.Test;

class ExportVerifierTest {
  static final Ed25519NoteSigner SIGNER = Ed25519NoteSigner.fromSeed("example.org/glassplate/test", new byte[32]);
  static final String CSV = "readId,plate\r\n7,ABC1234\r\n";

  /** A package as the server makes it: entries 1 and 3 of a 5-entry log, about request 42. */
  static Map<String, byte[]> valid() {
    MemoryTileLog log = new MemoryTileLog();
    log.append(bytes("{\"type\":\"SERVER_STARTED\"}"));
    log.append(bytes("{\"requestId\":42,\"type\":\"DATA_REQUEST_RECORDED\"}"));
    log.append(bytes("{\"type\":\"SEARCH_PERFORMED\"}"));
    log.append(bytes("{\"readsSha256\":\"" + ExportVerifier.sha256Hex(bytes(CSV))
        + "\",\"requestId\":42,\"type\":\"DATA_REQUEST_EXPORTED\"}"));
    log.append(bytes("{\"type\":\"SEARCH_PERFORMED\"}"));
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("reads.csv", bytes(CSV));
    files.put("checkpoint.txt", bytes(SIGNER.sign(new Checkpoint("example.org/glassplate/test", 5, log.root()).body())));
    files.put("verifier-key.txt", bytes(SIGNER.verifierKey() + "\n"));
    for (long i : List.of(1L, 3L)) {
      files.put("audit/" + i + ".entry", log.entry(i));
      files.put("audit/" + i + ".proof.json", bytes("{\"index\":" + i + ",\"size\":5,\"hashes\":["
          + Proofs.inclusion(i, 5, log.hashReader()).stream()
              .map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"").collect(Collectors.joining(","))
          + "]}"));
    }
    return withManifest(files);
  }

  static Map<String, byte[]> withManifest(Map<String, byte[]> files) {
    Map<String, byte[]> out = new LinkedHashMap<>(files);
    out.remove("MANIFEST.json");
    String sums = out.entrySet().stream()
        .map(f -> "{\"path\":\"" + f.getKey() + "\",\"sha256\":\"" + ExportVerifier.sha256Hex(f.getValue()) + "\"}")
        .collect(Collectors.joining(","));
    out.put("MANIFEST.json", bytes("{\"format\":\"" + ExportVerifier.FORMAT
        + "\",\"requestId\":42,\"checkpointSize\":5,\"files\":[" + sums + "]}"));
    return out;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void verifiesAValidPackageFromItsZip() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> f : valid().entrySet()) {
        zip.putNextEntry(new ZipEntry(f.getKey()));
        zip.write(f.getValue());
        zip.closeEntry();
      }
    }
    ExportVerifier.VerifiedExport got = ExportVerifier.verify(out.toByteArray(), SIGNER.verifierKey());
    assertThat(got.requestId()).isEqualTo(42);
    assertThat(got.entries()).containsExactly(1L, 3L);
    assertThat(got.exportIndex()).isEqualTo(3);
    assertThat(got.checkpoint().size()).isEqualTo(5);
  }

  record Case(String name, Consumer<Map<String, byte[]>> tamper, boolean fixManifest, String want) {
  }

  @Test
  void refusesATamperedPackageNamingTheFile() throws IOException {
    List<Case> cases = List.of(
        new Case("reads changed", f -> f.put("reads.csv", bytes(CSV.replace("ABC", "XYZ"))), false,
            "reads.csv: sha256 expected"),
        new Case("reads changed, manifest too", f -> f.put("reads.csv", bytes(CSV.replace("ABC", "XYZ"))), true,
            "reads.csv: sha256"),
        new Case("entry changed, manifest too", f -> f.put("audit/1.entry",
            bytes("{\"requestId\":42,\"type\":\"DATA_REQUEST_APPROVED\"}")), true, "audit/1.entry: not in the signed tree"),
        new Case("proof moved", f -> f.put("audit/1.proof.json", f.get("audit/3.proof.json")), true,
            "audit/1.proof.json: index expected 1"),
        new Case("extra file", f -> f.put("notes.txt", bytes("hi")), false, "notes.txt: in the package but not"),
        new Case("entry dropped", f -> f.remove("audit/3.entry"), false, "audit/3.entry: missing"),
        new Case("checkpoint re-signed by another key", f -> f.put("checkpoint.txt", bytes(Ed25519NoteSigner
            .fromSeed("example.org/glassplate/test", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32})
            .sign(new Checkpoint("example.org/glassplate/test", 5, new byte[32]).body()))), true, "checkpoint.txt:"),
        new Case("no manifest", f -> f.remove("MANIFEST.json"), false, "MANIFEST.json: missing"));
    for (Case c : cases) {
      Map<String, byte[]> files = new LinkedHashMap<>(valid());
      c.tamper().accept(files);
      Map<String, byte[]> pkg = c.fixManifest() ? withManifest(files) : files;
      assertThatThrownBy(() -> ExportVerifier.verify(pkg, SIGNER.verifierKey())).as(c.name())
          .isInstanceOf(ExportVerificationException.class).hasMessageStartingWith(c.want());
    }
  }

  @Test
  void refusesAKeyOtherThanTheTrustedOne() {
    String other = Ed25519NoteSigner.generate("example.org/glassplate/test").verifierKey();
    assertThatThrownBy(() -> ExportVerifier.verify(valid(), other))
        .isInstanceOf(ExportVerificationException.class)
        .hasMessageStartingWith("verifier-key.txt: expected the trusted key " + other + ", got " + SIGNER.verifierKey());
    assertThatThrownBy(() -> ExportVerifier.verify(valid(), " "))
        .isInstanceOf(ExportVerificationException.class).hasMessageContaining("trusted verifier key is required");
  }
}

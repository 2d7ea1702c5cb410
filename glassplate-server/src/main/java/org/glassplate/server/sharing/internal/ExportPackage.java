package org.glassplate.server.sharing.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.PlateRead;

/**
 * The export package of a written data request (R-SHR-4), a zip that
 * {@code org.glassplate.log.verify.ExportVerifier} (glassplate-log) checks with nothing else:
 * <pre>
 * MANIFEST.json             format, requestId, checkpointSize, and the SHA-256 (hex) of every other file
 * README.txt                this layout, in words
 * reads.csv                 the reads, oldest first; its SHA-256 is in the DATA_REQUEST_EXPORTED entry
 * checkpoint.txt            the signed checkpoint (C2SP tlog-checkpoint note) every proof is against
 * verifier-key.txt          the log's verifier key (C2SP signed-note), to compare with one obtained apart
 * audit/INDEX.entry         an audit entry's bytes, exactly the log's leaf (RFC 9162: SHA-256(0x00 || bytes))
 * audit/INDEX.proof.json    its inclusion proof, {"index","size","hashes":[base64…]} as /api/v1/audit/proof/inclusion
 * </pre>
 * Zip entries carry a fixed time, so the same contents make the same bytes.
 */
public final class ExportPackage {
  public static final String FORMAT = "glassplate-data-request-export/1";
  private static final FileTime FIXED_TIME = FileTime.fromMillis(315532800000L); // 1980-01-01, the zip epoch
  private static final String README = """
      Glassplate export package of a written data request (R-SHR-4).

      reads.csv         the reads released, oldest first
      audit/N.entry     audit log entry N, its exact bytes (the Merkle leaf, RFC 9162)
      audit/N.proof.json  the inclusion proof of entry N in the tree of checkpoint.txt
      checkpoint.txt    the log's signed checkpoint (C2SP tlog-checkpoint)
      verifier-key.txt  the log's verifier key; check it against the one the agency publishes
                        (GET /api/v1/audit/key, the transparency page)
      MANIFEST.json     the SHA-256 of every other file

      The DATA_REQUEST_EXPORTED entry carries the SHA-256 of reads.csv (readsSha256) and the request id.
      The entry that records this package's release (DATA_REQUEST_RELEASED, with the SHA-256 of the
      whole zip) is written after the package is made, so it is in the log, not in the package.

      Verify with glassplate-log alone:
        ./glassplate audit verify-export PACKAGE.zip --key VERIFIER_KEY
      or, with the glassplate-log jar only:
        java -cp glassplate-log.jar org.glassplate.log.verify.ExportVerifyCommand PACKAGE.zip --key VERIFIER_KEY
      """;

  private ExportPackage() {
  }

  /** An audit entry with its inclusion proof in the tree of the package's checkpoint. */
  public record ProvedEntry(long index, byte[] entry, List<byte[]> proof) {
  }

  /** The reads as CSV (RFC 4180), with the camera's name and position. */
  public static byte[] readsCsv(List<PlateRead> reads, Map<Long, Camera> cameras) {
    StringBuilder sb = new StringBuilder(
        "readId,plate,state,capturedAt,camera,cameraLat,cameraLon,lat,lon,confidence,vehicleMake,vehicleColor,"
            + "vehicleType\r\n");
    for (PlateRead r : reads) {
      Camera c = cameras.get(r.cameraId());
      List<String> cells = new ArrayList<>(List.of(String.valueOf(r.id()), r.plate().value(), r.state().value(),
          r.capturedAt().toString(), c == null ? String.valueOf(r.cameraId()) : c.name(),
          c == null ? "" : String.valueOf(c.lat()), c == null ? "" : String.valueOf(c.lon()), str(r.lat()),
          str(r.lon()), str(r.confidence()), str(r.vehicle().make()), str(r.vehicle().color()),
          str(r.vehicle().type())));
      sb.append(cells.stream().map(ExportPackage::cell).collect(Collectors.joining(","))).append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The zip of the package. */
  public static byte[] zip(long requestId, byte[] readsCsv, String checkpointNote, String verifierKey,
      long checkpointSize, List<ProvedEntry> entries) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("README.txt", README.getBytes(StandardCharsets.UTF_8));
    files.put("reads.csv", readsCsv);
    files.put("checkpoint.txt", checkpointNote.getBytes(StandardCharsets.UTF_8));
    files.put("verifier-key.txt", (verifierKey + "\n").getBytes(StandardCharsets.UTF_8));
    for (ProvedEntry e : entries) {
      files.put("audit/" + e.index() + ".entry", e.entry());
      String hashes = e.proof().stream().map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"")
          .collect(Collectors.joining(","));
      files.put("audit/" + e.index() + ".proof.json",
          ("{\"index\":" + e.index() + ",\"size\":" + checkpointSize + ",\"hashes\":[" + hashes + "]}")
              .getBytes(StandardCharsets.UTF_8));
    }
    String sums = files.entrySet().stream()
        .map(f -> "{\"path\":\"" + f.getKey() + "\",\"sha256\":\"" + sha256Hex(f.getValue()) + "\"}")
        .collect(Collectors.joining(","));
    byte[] manifest = ("{\"format\":\"" + FORMAT + "\",\"requestId\":" + requestId + ",\"checkpointSize\":"
        + checkpointSize + ",\"files\":[" + sums + "]}").getBytes(StandardCharsets.UTF_8);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
      put(zip, "MANIFEST.json", manifest);
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        put(zip, f.getKey(), f.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setLastModifiedTime(FIXED_TIME);
    zip.putNextEntry(e);
    zip.write(data);
    zip.closeEntry();
  }

  private static String str(Object o) {
    return o == null ? "" : o.toString();
  }

  /** A CSV cell, quoted when it must be; a leading = + @ is prefixed with ' so no spreadsheet runs it. */
  private static String cell(String s) {
    String v = !s.isEmpty() && "=+@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}

package org.glassplate.log.verify;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.glassplate.log.Merkle;
import org.glassplate.log.ProofVerificationException;
import org.glassplate.log.Proofs;
import org.glassplate.log.note.Checkpoint;
import org.glassplate.log.note.CheckpointVerificationException;
import org.glassplate.log.note.CheckpointVerifier;

/**
 * Verifies the export package of a Glassplate written data request (R-SHR-4) with this library
 * alone, against a verifier key the caller trusts (obtained apart from the package, e.g. from the
 * agency's transparency page):
 * <ol>
 *   <li>{@code MANIFEST.json}: every other file of the zip is listed, with its SHA-256, and matches;</li>
 *   <li>{@code verifier-key.txt} is the trusted key, and {@code checkpoint.txt} is a checkpoint
 *       (C2SP tlog-checkpoint) signed by it, of the size the manifest names;</li>
 *   <li>each {@code audit/N.entry} is included at index N in that checkpoint's tree: its RFC 9162
 *       leaf hash {@code SHA-256(0x00 || entry)} and {@code audit/N.proof.json} give the signed root;</li>
 *   <li>each entry is about the manifest's request, and one {@code DATA_REQUEST_EXPORTED} entry
 *       carries the SHA-256 of {@code reads.csv} ({@code readsSha256}): the reads are those the log
 *       recorded as released.</li>
 * </ol>
 */
public final class ExportVerifier {
  public static final String FORMAT = "glassplate-data-request-export/1";
  /** Largest package read (the server makes packages of at most a few MiB). */
  static final long MAX_PACKAGE_BYTES = 256L << 20;
  private static final Pattern ENTRY = Pattern.compile("audit/(0|[1-9][0-9]{0,18})\\.entry");
  private static final Pattern PROOF = Pattern.compile("audit/(0|[1-9][0-9]{0,18})\\.proof\\.json");

  /**
   * What a verified package holds.
   *
   * @param requestId the data request it fulfils
   * @param checkpoint the signed checkpoint its proofs are against
   * @param entries the indexes of the audit entries proved included
   * @param exportIndex the index of the {@code DATA_REQUEST_EXPORTED} entry that names {@code reads.csv}
   * @param readsSha256 hex SHA-256 of {@code reads.csv}
   */
  public record VerifiedExport(long requestId, Checkpoint checkpoint, List<Long> entries, long exportIndex,
      String readsSha256) {
    public VerifiedExport {
      entries = List.copyOf(entries);
    }
  }

  private ExportVerifier() {
  }

  /** Verifies a package given as the bytes of its zip. */
  public static VerifiedExport verify(byte[] zip, String trustedVerifierKey) throws ExportVerificationException {
    return verify(unzip(zip), trustedVerifierKey);
  }

  /** Verifies a package given as its files, by path. */
  public static VerifiedExport verify(Map<String, byte[]> files, String trustedVerifierKey)
      throws ExportVerificationException {
    if (trustedVerifierKey == null || trustedVerifierKey.isBlank()) {
      throw new ExportVerificationException("a trusted verifier key is required: the package's own proves nothing");
    }
    Map<String, Object> manifest = object(json(file(files, "MANIFEST.json"), "MANIFEST.json"), "MANIFEST.json");
    if (!FORMAT.equals(manifest.get("format"))) {
      throw new ExportVerificationException("MANIFEST.json: format expected " + FORMAT + ", got " + manifest.get("format"));
    }
    long requestId = number(manifest, "requestId", "MANIFEST.json");
    long size = number(manifest, "checkpointSize", "MANIFEST.json");

    // 1. the manifest's sums, and nothing unlisted
    Map<String, String> listed = new TreeMap<>();
    if (!(manifest.get("files") instanceof List<?> list)) {
      throw new ExportVerificationException("MANIFEST.json: files expected a list");
    }
    for (Object o : list) {
      Map<String, Object> f = object(o, "MANIFEST.json files");
      if (!(f.get("path") instanceof String path) || !(f.get("sha256") instanceof String sum)) {
        throw new ExportVerificationException("MANIFEST.json: each file needs a path and a sha256");
      }
      if (listed.put(path, sum) != null) {
        throw new ExportVerificationException("MANIFEST.json: " + path + " listed twice");
      }
    }
    for (String path : files.keySet()) {
      if (!path.equals("MANIFEST.json") && !listed.containsKey(path)) {
        throw new ExportVerificationException(path + ": in the package but not in MANIFEST.json");
      }
    }
    for (Map.Entry<String, String> f : listed.entrySet()) {
      String got = sha256Hex(file(files, f.getKey()));
      if (!got.equals(f.getValue())) {
        throw new ExportVerificationException(f.getKey() + ": sha256 expected " + f.getValue() + " (MANIFEST.json), got "
            + got);
      }
    }

    // 2. the key and the checkpoint
    String packageKey = new String(file(files, "verifier-key.txt"), StandardCharsets.UTF_8).strip();
    if (!packageKey.equals(trustedVerifierKey.strip())) {
      throw new ExportVerificationException("verifier-key.txt: expected the trusted key " + trustedVerifierKey.strip()
          + ", got " + packageKey);
    }
    Checkpoint checkpoint;
    try {
      checkpoint = CheckpointVerifier.verify(file(files, "checkpoint.txt"), trustedVerifierKey.strip(), null);
    } catch (CheckpointVerificationException e) {
      throw new ExportVerificationException("checkpoint.txt: " + e.getMessage(), e);
    }
    if (checkpoint.size() != size) {
      throw new ExportVerificationException("checkpoint.txt: size expected " + size + " (MANIFEST.json), got "
          + checkpoint.size());
    }

    // 3. each entry's inclusion
    Map<Long, byte[]> entries = new TreeMap<>();
    for (String path : files.keySet()) {
      Matcher e = ENTRY.matcher(path);
      Matcher p = PROOF.matcher(path);
      if (e.matches()) {
        entries.put(Long.parseLong(e.group(1)), files.get(path));
      } else if (p.matches() && !files.containsKey("audit/" + p.group(1) + ".entry")) {
        throw new ExportVerificationException(path + ": a proof without its entry");
      } else if (path.startsWith("audit/") && !p.matches()) {
        throw new ExportVerificationException(path + ": not an audit entry or proof name");
      }
    }
    if (entries.isEmpty()) {
      throw new ExportVerificationException("audit/: expected the request's audit entries, found none");
    }
    String readsSha = sha256Hex(file(files, "reads.csv"));
    long exportIndex = -1;
    for (Map.Entry<Long, byte[]> e : entries.entrySet()) {
      long index = e.getKey();
      String proofPath = "audit/" + index + ".proof.json";
      Map<String, Object> proof = object(json(file(files, proofPath), proofPath), proofPath);
      if (number(proof, "index", proofPath) != index) {
        throw new ExportVerificationException(proofPath + ": index expected " + index + ", got " + proof.get("index"));
      }
      if (number(proof, "size", proofPath) != checkpoint.size()) {
        throw new ExportVerificationException(proofPath + ": size expected " + checkpoint.size() + " (checkpoint.txt), got "
            + proof.get("size"));
      }
      try {
        Proofs.verifyInclusion(Merkle.leafHash(e.getValue()), index, checkpoint.size(), hashes(proof, proofPath),
            checkpoint.rootHash());
      } catch (ProofVerificationException x) {
        throw new ExportVerificationException("audit/" + index + ".entry: not in the signed tree: " + x.getMessage(), x);
      }

      // 4. about this request, and the reads the log recorded
      String entryPath = "audit/" + index + ".entry";
      Map<String, Object> entry = object(json(e.getValue(), entryPath), entryPath);
      if (!(entry.get("requestId") instanceof BigDecimal id) || id.longValue() != requestId) {
        throw new ExportVerificationException(entryPath + ": requestId expected " + requestId + ", got "
            + entry.get("requestId"));
      }
      if ("DATA_REQUEST_EXPORTED".equals(entry.get("type")) && readsSha.equals(entry.get("readsSha256"))) {
        exportIndex = index;
      }
    }
    if (exportIndex < 0) {
      throw new ExportVerificationException("reads.csv: sha256 " + readsSha
          + " is named by no DATA_REQUEST_EXPORTED entry of the package (readsSha256)");
    }
    return new VerifiedExport(requestId, checkpoint, List.copyOf(entries.keySet()), exportIndex, readsSha);
  }

  /** The files of a zip, by path; refuses duplicate names and packages over {@value #MAX_PACKAGE_BYTES} bytes. */
  public static Map<String, byte[]> unzip(byte[] zip) throws ExportVerificationException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    long total = 0;
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.isDirectory()) {
          continue;
        }
        byte[] data = readCapped(in, MAX_PACKAGE_BYTES - total);
        total += data.length;
        if (files.put(e.getName(), data) != null) {
          throw new ExportVerificationException(e.getName() + ": in the zip twice");
        }
      }
    } catch (IOException e) {
      throw new ExportVerificationException("not a readable zip: " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new ExportVerificationException("not a zip, or an empty one");
    }
    return files;
  }

  private static byte[] readCapped(InputStream in, long max) throws IOException, ExportVerificationException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      out.write(buf, 0, n);
      if (out.size() > max) {
        throw new ExportVerificationException("the package is larger than " + MAX_PACKAGE_BYTES + " bytes");
      }
    }
    return out.toByteArray();
  }

  private static byte[] file(Map<String, byte[]> files, String path) throws ExportVerificationException {
    byte[] b = files.get(path);
    if (b == null) {
      throw new ExportVerificationException(path + ": missing from the package");
    }
    return b;
  }

  private static Object json(byte[] b, String path) throws ExportVerificationException {
    try {
      return Json.parse(new String(b, StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      throw new ExportVerificationException(path + ": not JSON: " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object o, String path) throws ExportVerificationException {
    if (!(o instanceof Map<?, ?> m)) {
      throw new ExportVerificationException(path + ": expected a JSON object");
    }
    return (Map<String, Object>) m;
  }

  private static long number(Map<String, Object> o, String key, String path) throws ExportVerificationException {
    if (!(o.get(key) instanceof BigDecimal n)) {
      throw new ExportVerificationException(path + ": " + key + " expected a number, got " + o.get(key));
    }
    try {
      return n.longValueExact();
    } catch (ArithmeticException e) {
      throw new ExportVerificationException(path + ": " + key + " expected a whole number, got " + n);
    }
  }

  private static List<byte[]> hashes(Map<String, Object> proof, String path) throws ExportVerificationException {
    if (!(proof.get("hashes") instanceof List<?> list)) {
      throw new ExportVerificationException(path + ": hashes expected a list");
    }
    List<byte[]> out = new ArrayList<>();
    for (Object h : list) {
      if (!(h instanceof String s)) {
        throw new ExportVerificationException(path + ": each hash is base64 text");
      }
      try {
        out.add(Base64.getDecoder().decode(s));
      } catch (IllegalArgumentException e) {
        throw new ExportVerificationException(path + ": a hash is not base64");
      }
    }
    return out;
  }

  static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}

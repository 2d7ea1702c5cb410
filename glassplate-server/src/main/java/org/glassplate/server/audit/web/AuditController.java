package org.glassplate.server.audit.web;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.glassplate.log.tiles.TilePath;
import org.glassplate.server.audit.AuditLog;
import org.glassplate.server.audit.AuditRefusal;
import org.glassplate.server.core.CommonRefusal;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.core.Caller;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.WebRefusal;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log over HTTP (DESIGN.md, "The fixed contract"): checkpoint, verifier key, tiles and
 * entry bundles exactly as c2sp.org/tlog-tiles lays them out under {@code /api/v1/audit}, redacted
 * entries, proofs, and the auditor's opening of an entry.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {
  private static final MediaType TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final String TILE_PREFIX = "/api/v1/audit/";
  private static final CacheControl IMMUTABLE = CacheControl.maxAge(365, TimeUnit.DAYS).cachePublic().immutable();

  private final AuditLog log;
  private final JsonMapper json;

  AuditController(AuditLog log, JsonMapper json) {
    this.log = log;
    this.json = json;
  }

  @GetMapping("/checkpoint")
  ResponseEntity<String> checkpoint() {
    String note = log.servedCheckpoint().orElseThrow(() -> new ApiException(
        AuditRefusal.NO_CHECKPOINT, "the audit log has not signed a checkpoint yet"));
    return ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache()).body(note);
  }

  @GetMapping("/key")
  ResponseEntity<String> key() {
    return ResponseEntity.ok().contentType(TEXT).body(log.verifierKey() + "\n");
  }

  /**
   * The log's origins (moves to a new key, issue 18), oldest first, the current one last:
   * {@code {"origins":[{"origin","verifierKey","firstSize","finalSize"?,"finalCheckpoint"?,"endedAt"?,
   * "nextOrigin"?}]}}. Read by {@code audit verify} to follow a move from a trusted checkpoint of an
   * earlier origin.
   */
  @GetMapping("/origins")
  ResponseEntity<JsonNode> origins() {
    tools.jackson.databind.node.ObjectNode root = json.createObjectNode();
    tools.jackson.databind.node.ArrayNode list = root.putArray("origins");
    for (org.glassplate.server.audit.LogOrigins.Origin o : log.origins()) {
      tools.jackson.databind.node.ObjectNode n = list.addObject();
      n.put("origin", o.origin());
      n.put("verifierKey", o.verifierKey());
      n.put("firstSize", o.firstSize());
      if (!o.current()) {
        n.put("finalSize", o.finalSize());
        n.put("finalCheckpoint", o.finalCheckpoint());
        n.put("endedAt", o.endedAt().toString());
        n.put("nextOrigin", o.nextOrigin());
      }
    }
    return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(root);
  }

  @GetMapping("/tile/**")
  ResponseEntity<byte[]> tile(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String path = uri.substring(uri.indexOf(TILE_PREFIX) + TILE_PREFIX.length());
    TilePath tile;
    try {
      tile = TilePath.parse(path);
    } catch (IllegalArgumentException e) {
      throw new ApiException(CommonRefusal.NOT_FOUND, "not a tlog-tiles path");
    }
    byte[] bytes = log.tile(tile).orElseThrow(() -> new ApiException(CommonRefusal.NOT_FOUND,
        "the latest signed tree has no such tile"));
    // A full tile never changes; a partial one of the same path does not either (a prefix of the
    // tile), but it is soon replaced by a wider one, so it is not worth keeping.
    CacheControl cache = tile.partial() ? CacheControl.noCache() : IMMUTABLE;
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).cacheControl(cache).body(bytes);
  }

  /** A page of redacted entries of a log of {@code size} entries. */
  record Entries(long size, List<Entry> entries) {
  }

  /** One redacted entry: its public fields as signed. */
  record Entry(long index, JsonNode entry) {
  }

  record InclusionProof(long index, long size, List<String> hashes) {
  }

  record ConsistencyProof(long from, long to, List<String> hashes) {
  }

  /** An auditor's opening of an entry: its private fields, the salt and the commitment they match. */
  record Opening(long index, JsonNode entry, String commitment, String salt, String privateFields,
      long openingAuditIndex) {
  }

  @GetMapping("/entries")
  Entries entries(@RequestParam(required = false) Long start,
      @RequestParam(defaultValue = "100") int count,
      @RequestParam(defaultValue = "asc") String order) {
    if (!order.equals("asc") && !order.equals("desc")) {
      throw new ApiException(CommonRefusal.INVALID_PARAMETER, "order must be asc or desc", "order");
    }
    long size = log.size();
    List<AuditLog.PublicEntry> entries = log.entries(start, count, order.equals("desc"));
    return new Entries(size, entries.stream().map(e -> new Entry(e.index(), parse(e.entry()))).toList());
  }

  @GetMapping("/proof/inclusion")
  InclusionProof inclusion(@RequestParam long index, @RequestParam(required = false) Long size) {
    long n = size == null ? log.size() : size;
    return new InclusionProof(index, n, base64(log.inclusionProof(index, n)));
  }

  @GetMapping("/proof/consistency")
  ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
    return new ConsistencyProof(from, to, base64(log.consistencyProof(from, to)));
  }

  @GetMapping("/entries/{index}/opening")
  Opening opening(@PathVariable long index) {
    Caller auditor = CallerAuthentication.current().orElseThrow(() -> new ApiException(WebRefusal.UNAUTHENTICATED,
        "sign in first"));
    AuditLog.Opening o = log.open(index, auditor);
    return new Opening(o.index(), parse(o.entry()), o.commitment(), Base64.getEncoder().encodeToString(o.salt()),
        o.privateFields(), o.auditIndex());
  }

  private JsonNode parse(byte[] entry) {
    return json.readTree(entry);
  }

  private static List<String> base64(List<byte[]> hashes) {
    return hashes.stream().map(h -> Base64.getEncoder().encodeToString(h)).toList();
  }
}

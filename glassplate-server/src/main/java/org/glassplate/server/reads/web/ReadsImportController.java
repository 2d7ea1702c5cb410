package org.glassplate.server.reads.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.glassplate.server.core.Caller;
import org.glassplate.server.reads.Camera;
import org.glassplate.server.reads.Cameras;
import org.glassplate.server.reads.IngestResult;
import org.glassplate.server.reads.ReadIngest;
import org.glassplate.server.reads.ReadSubmission;
import org.glassplate.server.reads.Rejection;
import org.glassplate.server.web.ApiException;
import org.glassplate.server.web.CallerAuthentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * CSV bulk import of reads (role CAMERA, R-ING-1, R-ING-2): {@code POST /api/v1/reads/import} with a
 * {@code text/csv} body ({@link CsvReads} says the columns). The body is read as a stream, one line at
 * a time, and every {@link ReadIngest#MAX_BATCH} lines go through the same ingest as
 * {@code POST /api/v1/reads} (validation, hot lists, one audit entry, one transaction), so memory
 * stays flat for a file of any length and a committed batch stays stored if the upload breaks
 * later. A read stored already is a duplicate, not stored again: re-sending a file, or the rest of
 * an interrupted one, stores every read once. A bad line is rejected with its line and field; the
 * good ones are kept.
 */
@RestController
class ReadsImportController {
  /** The answer lists at most this many rejections and alerts; the counts are always whole. */
  static final int MAX_LISTED = 1000;

  private final ReadIngest ingest;
  private final Cameras cameras;

  ReadsImportController(ReadIngest ingest, Cameras cameras) {
    this.ingest = ingest;
    this.cameras = cameras;
  }

  /**
   * @param line the file's line number of the body's first line after its header (2 when the body
   *     is the whole file): a client sending a file in parts, each with the header, gives it so that
   *     rejections name the lines of the file
   * @param expected the camera the sender means the file to be from, if it says: a file sent with
   *     another camera's token is refused whole rather than stored as that camera's reads
   */
  @PostMapping(path = "/api/v1/reads/import", consumes = "text/csv")
  ImportAnswer importCsv(HttpServletRequest request, @RequestParam(name = "line", defaultValue = "2") int line,
      @RequestParam(name = "camera", required = false) Long expected) throws IOException {
    if (line < 2) {
      throw ApiException.unprocessable("line", "line must be 2 or more (line 1 is the header)");
    }
    Caller caller = CallerAuthentication.current().orElseThrow();
    Camera camera = cameras.find(caller.id()).orElseThrow(() -> ApiException.notFound("camera"));
    if (expected != null && expected != camera.id()) {
      throw ApiException.unprocessable("camera", "the token is not the credential of this camera");
    }
    Totals totals = new Totals();
    CsvReads csv = new CsvReads(new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), line);
    List<ReadSubmission> reads = new ArrayList<>(ReadIngest.MAX_BATCH);
    List<Rejection> rejected = new ArrayList<>();
    for (CsvReads.Line l = csv.next(); l != null; l = csv.next()) {
      totals.lines++;
      if (l.read() != null) {
        reads.add(l.read());
      } else {
        rejected.add(l.rejection());
      }
      if (reads.size() + rejected.size() == ReadIngest.MAX_BATCH) {
        totals.add(ingest.ingest(camera, caller, reads, rejected, "csv"));
        reads.clear();
        rejected.clear();
      }
    }
    if (!reads.isEmpty() || !rejected.isEmpty()) {
      totals.add(ingest.ingest(camera, caller, reads, rejected, "csv"));
    }
    return totals.answer();
  }

  /** A rejected line of the file: its number (the header is line 1), the column, and the rule it broke. */
  record LineRejection(int line, String field, String message) {
  }

  /**
   * What an import came to: data lines read (blank ones aside), reads stored, reads stored already,
   * lines rejected (all counted, the first {@value #MAX_LISTED} listed, in line order), and the
   * alerts raised (all counted, the first {@value #MAX_LISTED} listed).
   */
  record ImportAnswer(long lines, long accepted, long duplicates, long rejectedCount, List<LineRejection> rejected,
      long alertCount, List<?> alerts) {
  }

  private static final class Totals {
    long lines;
    long accepted;
    long duplicates;
    long rejectedCount;
    long alertCount;
    final List<LineRejection> rejected = new ArrayList<>();
    final List<Object> alerts = new ArrayList<>();

    void add(IngestResult r) {
      accepted += r.accepted();
      duplicates += r.duplicates();
      rejectedCount += r.rejected().size();
      for (Rejection x : r.rejected()) {
        if (rejected.size() < MAX_LISTED) {
          rejected.add(new LineRejection(x.index(), x.field(), x.message()));
        }
      }
      alertCount += r.alerts().size();
      for (Object a : r.alerts()) {
        if (alerts.size() < MAX_LISTED) {
          alerts.add(a);
        }
      }
    }

    ImportAnswer answer() {
      return new ImportAnswer(lines, accepted, duplicates, rejectedCount, rejected, alertCount, alerts);
    }
  }
}

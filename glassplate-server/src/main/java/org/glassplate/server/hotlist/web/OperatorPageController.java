package org.glassplate.server.hotlist.web;

import java.util.List;
import org.glassplate.server.hotlist.Alert;
import org.glassplate.server.hotlist.Alerts;
import org.glassplate.server.hotlist.MatchKind;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator's alert page: server-rendered with the latest alerts, then kept current by a small
 * bundled script that listens to {@code /api/v1/alerts/stream} (EventSource), so new alerts appear
 * without a reload. Every alert carries the "verify before action" banner (R-HOT-3).
 */
@Controller
class OperatorPageController {
  private final Alerts alerts;
  private final OperatorAccess access;

  OperatorPageController(Alerts alerts, OperatorAccess access) {
    this.alerts = alerts;
    this.access = access;
  }

  @GetMapping({"/operator", "/operator/alerts"})
  @ResponseBody
  ResponseEntity<String> page() {
    List<Alert> recent = alerts.viewRecent(access.operator(), 50, "page");
    StringBuilder items = new StringBuilder();
    for (Alert a : recent) {
      items.append(item(a));
    }
    String html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Hot-list alerts · Glassplate</title>
        <link rel="stylesheet" href="/hotlist/hotlist.css">
        <script src="/hotlist/operator.js" defer></script>
        </head>
        <body>
        <header>
          <h1>Hot-list alerts</h1>
          <p id="stream-status" role="status" data-state="connecting">Connecting to live alerts…</p>
        </header>
        <main>
          <p class="standing-banner"><strong>A hit is a lead, not a fact.</strong> Check every alert yourself — the
          plate you see, the state, and the entry in the state system — before any action, and record what you
          found.</p>
          <ol id="alerts" aria-live="polite" data-last-alert-id="%d">%s</ol>
          <p id="empty" %s>No alerts yet. New alerts appear here as they happen.</p>
        </main>
        </body>
        </html>
        """.formatted(recent.stream().mapToLong(Alert::id).max().orElse(0), items, recent.isEmpty() ? "" : "hidden");
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(html);
  }

  static String item(Alert a) {
    String kindClass = "kind-" + a.matchKind().code();
    String verified = a.verification() == null ? "" : "<p class=\"verified\">Verified: "
        + esc(a.verification().outcome().code().replace('_', ' ')) + " by " + esc(a.verification().verifiedBy()) + "</p>";
    return """
        <li class="alert %s" data-alert-id="%d" data-match-kind="%s">
          <div class="verify-banner%s" role="alert">%s</div>
          <div class="read"><span class="plate">%s</span> <span class="state">%s</span>
            <span class="kind">%s</span></div>
          <dl>
            <dt>Seen</dt><dd><time datetime="%s">%s</time> by camera %d%s</dd>
            <dt>Listed</dt><dd>%s %s on %s (%s)</dd>
            <dt>Reason</dt><dd class="reason">%s</dd>
          </dl>
          %s
          <form class="verify" data-alert-id="%d"%s>
            <label>Outcome <select name="outcome">
              <option value="confirmed">Confirmed</option><option value="misread">Misread</option>
              <option value="stale_entry">Stale entry</option><option value="other">Other</option></select></label>
            <label>Note <input name="note" maxlength="2000"></label>
            <button type="submit">Record verification</button>
          </form>
        </li>
        """.formatted(kindClass, a.id(), a.matchKind().code(), a.matchKind() == MatchKind.EXACT ? "" : " strong",
        esc(a.banner()), esc(a.plate()), esc(a.state()), esc(kindLabel(a.matchKind())), a.capturedAt(),
        a.capturedAt(), a.cameraId(), a.confidence() == null ? "" : ", confidence " + Math.round(a.confidence()) + "%",
        esc(a.entryPlate()), esc(a.entryState() == null ? "(any state)" : a.entryState()), esc(a.listName()),
        esc(a.source().code()), esc(a.reason().label()), verified, a.id(), a.verification() == null ? "" : " hidden");
  }

  static String kindLabel(MatchKind k) {
    return switch (k) {
      case EXACT -> "exact match";
      case LOOKALIKE -> "look-alike match";
      case PARTIAL -> "partial match";
    };
  }

  static String esc(String s) {
    return org.glassplate.server.web.Html.esc(s);
  }

}

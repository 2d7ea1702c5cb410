package org.glassplate.server.hotlist.web;

import java.nio.charset.StandardCharsets;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.hotlist.ReasonCategory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The import page for supervisors: pick a list and a CSV file, map its columns, and watch the
 * progress bar while the bundled script sends the file in parts and the server builds the list;
 * every rejected row is listed with its row number and column (R-HOT-1).
 */
@Controller
class ImportPageController {
  private final Hotlists hotlists;

  ImportPageController(Hotlists hotlists) {
    this.hotlists = hotlists;
  }

  @GetMapping("/hotlists/import")
  @ResponseBody
  ResponseEntity<String> page() {
    StringBuilder lists = new StringBuilder();
    for (Hotlist l : hotlists.all()) {
      lists.append("<option value=\"").append(l.id()).append("\" data-source=\"").append(l.source().code()).append("\">")
          .append(OperatorPageController.esc(l.name())).append(" (").append(l.source().code()).append(")</option>");
    }
    StringBuilder reasons = new StringBuilder("<option value=\"\">(from the file)</option>");
    for (ReasonCategory r : ReasonCategory.values()) {
      reasons.append("<option value=\"").append(r.code()).append("\">").append(OperatorPageController.esc(r.label()))
          .append("</option>");
    }
    String html = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Import a hot list · Glassplate</title>
        <link rel="stylesheet" href="/hotlist/hotlist.css">
        <script src="/hotlist/import.js" defer></script>
        </head>
        <body>
        <h1>Import a hot list from CSV</h1>
        <form id="import-form">
          <p><label>List <select id="list" required>%s</select></label></p>
          <p><label>Mode <select id="mode">
            <option value="append">Append the rows (local entries then wait for approval)</option>
            <option value="replace">Replace the whole extract (state and NCIC lists)</option></select></label></p>
          <fieldset><legend>Columns in the file</legend>
            <label>Plate <input id="col-plate" value="plate" required></label>
            <label>State <input id="col-state" value="state"></label>
            <label>Reason <input id="col-reason" value="reason"></label>
            <label>Expires <input id="col-expiresAt" value="expiresAt"></label>
          </fieldset>
          <p><label>Reason for every row <select id="default-reason">%s</select></label>
             <label>Expiry for every row <input id="default-expires" type="date"></label></p>
          <p><label>CSV file <input id="file" type="file" accept=".csv,text/csv" required></label></p>
          <p><button id="start" type="submit">Import</button></p>
        </form>
        <progress id="progress" max="1" value="0"></progress>
        <p id="import-status" role="status">Choose a file.</p>
        <table class="errors" id="errors" hidden>
          <thead><tr><th>Row</th><th>Column</th><th>Problem</th></tr></thead><tbody></tbody>
        </table>
        </body>
        </html>
        """.formatted(lists, reasons);
    return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .header("Cache-Control", "no-store").body(html);
  }
}

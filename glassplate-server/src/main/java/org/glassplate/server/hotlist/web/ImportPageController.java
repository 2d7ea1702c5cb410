package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.hotlist.ReasonCategory;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

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
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    Pages.noStore(response);
    return Pages.page("hotlist/import", new ImportView(Layout.of("Import a hot list · Glassplate", request),
        hotlists.all().stream().map(l -> new ImportView.Option(String.valueOf(l.id()),
            l.name() + " (" + l.source().code() + ")", l.source().code())).toList(),
        Arrays.stream(ReasonCategory.values()).map(r -> new ImportView.Option(r.code(), r.label(), null)).toList()));
  }
}

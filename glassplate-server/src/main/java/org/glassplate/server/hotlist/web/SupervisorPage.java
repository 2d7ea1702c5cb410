package org.glassplate.server.hotlist.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.glassplate.server.accounts.Account;
import org.glassplate.server.accounts.Accounts;
import org.glassplate.server.core.Agency;
import org.glassplate.server.core.Caller;
import org.glassplate.server.core.Refusal;
import org.glassplate.server.hotlist.Hotlist;
import org.glassplate.server.hotlist.HotlistImports;
import org.glassplate.server.hotlist.Hotlists;
import org.glassplate.server.web.CallerAuthentication;
import org.glassplate.server.web.ErrorStatuses;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.Pages;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The supervisors' hot-list page (issue 13): the lists, every entry added by hand and every import
 * that waits for a second person, each with Approve and Refuse (with a reason) forms over the same
 * {@link Hotlists} and {@link HotlistImports} as the API. The pending entries are plate data: showing
 * them needs current training and is audited. An action that is done goes back to the page with
 * what happened (post/redirect/get); one that is refused shows the page again with the refusal in
 * words, the field marked and the reason as typed.
 */
@Controller
class SupervisorPage {
  static final String PATH = "/hotlists";
  private static final int SHOWN = 200;

  private final Hotlists hotlists;
  private final HotlistImports imports;
  private final Accounts accounts;
  private final ErrorStatuses statuses;
  private final ZoneId zone;

  SupervisorPage(Hotlists hotlists, HotlistImports imports, Accounts accounts, ErrorStatuses statuses,
      Agency agency) {
    this.hotlists = hotlists;
    this.imports = imports;
    this.accounts = accounts;
    this.statuses = statuses;
    this.zone = agency.timeZone();
  }

  private static Caller me() {
    return CallerAuthentication.current().orElseThrow();
  }

  @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
  ModelAndView page(HttpServletRequest request, HttpServletResponse response) {
    String message = null;
    Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
    if (flash != null && flash.get("message") instanceof String m) {
      message = m;
    }
    Pages.noStore(response);
    return render(request, message, null, null, null);
  }

  @PostMapping(value = PATH + "/{listId}/entries/{entryId}/approval", produces = MediaType.TEXT_HTML_VALUE)
  Object approveEntry(HttpServletRequest request, HttpServletResponse response, @PathVariable long listId,
      @PathVariable long entryId) {
    return act(request, response, "entry-" + entryId, null, () -> {
      hotlists.approve(listId, entryId, me());
      return "Entry #" + entryId + " approved: it is on the list and matches from now on.";
    });
  }

  @PostMapping(value = PATH + "/{listId}/entries/{entryId}/refusal", produces = MediaType.TEXT_HTML_VALUE)
  Object refuseEntry(HttpServletRequest request, HttpServletResponse response, @PathVariable long listId,
      @PathVariable long entryId, @RequestParam(defaultValue = "") String reason) {
    return act(request, response, "entry-" + entryId, reason, () -> {
      hotlists.refuse(listId, entryId, reason, me());
      return "Entry #" + entryId + " refused: it will never match.";
    });
  }

  @PostMapping(value = PATH + "/{listId}/imports/{importId}/approval", produces = MediaType.TEXT_HTML_VALUE)
  Object approveImport(HttpServletRequest request, HttpServletResponse response, @PathVariable long listId,
      @PathVariable long importId) {
    return act(request, response, "import-" + importId, null, () -> {
      imports.approve(listId, importId, me(), false);
      return "Import #" + importId + " approved: its rows take effect now.";
    });
  }

  @PostMapping(value = PATH + "/{listId}/imports/{importId}/refusal", produces = MediaType.TEXT_HTML_VALUE)
  Object refuseImport(HttpServletRequest request, HttpServletResponse response, @PathVariable long listId,
      @PathVariable long importId, @RequestParam(defaultValue = "") String reason) {
    return act(request, response, "import-" + importId, reason, () -> {
      imports.refuse(listId, importId, reason, me());
      return "Import #" + importId + " refused: its rows were deleted and never matched.";
    });
  }

  /** Runs a supervisor's action: back to the page with what happened, or the page with the refusal. */
  private Object act(HttpServletRequest request, HttpServletResponse response, String row, String typed,
      Supplier<String> action) {
    try {
      String done = action.get();
      FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
      flash.put("message", done);
      RequestContextUtils.saveOutputFlashMap(PATH, request, response);
      return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(PATH)).build();
    } catch (Refusal e) {
      Pages.noStore(response);
      return render(request, null, RefusalView.of(e, statuses.of(e)), row, typed);
    }
  }

  private ModelAndView render(HttpServletRequest request, String message, RefusalView refusal, String row,
      String typed) {
    Caller me = me();
    List<Hotlist> all = hotlists.all();
    Map<Long, String> listNames = all.stream().collect(Collectors.toMap(Hotlist::id, Hotlist::name));
    Map<Long, String> names = accounts.all().stream().collect(Collectors.toMap(Account::id, Account::displayName));
    List<SupervisorView.ListRow> lists = all.stream()
        .map(l -> new SupervisorView.ListRow(l.id(), l.name(), source(l), l.active())).toList();
    List<SupervisorView.EntryRow> entries = hotlists.viewPending(SHOWN, me).stream()
        .map(e -> new SupervisorView.EntryRow(e.id(), e.listId(), listNames.getOrDefault(e.listId(), ""), e.plate(),
            e.state() == null ? "any" : e.state(), e.reason().label(), ShownTime.of(e.expiresAt(), zone),
            names.getOrDefault(e.addedBy(), "a former member of staff"), ShownTime.of(e.createdAt(), zone)))
        .toList();
    List<SupervisorView.ImportRow> waiting = imports.awaitingApproval(SHOWN).stream()
        .map(j -> new SupervisorView.ImportRow(j.id(), j.listId(), listNames.getOrDefault(j.listId(), ""),
            j.mode().equals("replace") ? "replaces the whole list" : "adds rows", j.rowsAccepted(), j.rowsRejected(),
            j.startedBy() == 0 ? "the server" : names.getOrDefault(j.startedBy(), "a former member of staff"),
            ShownTime.of(j.startedAt(), zone)))
        .toList();
    SupervisorView view = new SupervisorView(Layout.of("Hot lists · Glassplate", request), message, refusal, row,
        typed, lists, entries, waiting, SHOWN);
    return Pages.page("hotlist/supervisor", view, refusal == null ? HttpStatus.OK : refusal.status());
  }

  private static String source(Hotlist l) {
    return switch (l.source()) {
      case LOCAL -> "local (entries added by hand)";
      case STATE -> "state (imported)";
      case NCIC -> "NCIC (imported)";
    };
  }
}

package org.glassplate.server.hotlist.web;

import java.util.List;
import org.glassplate.server.web.Layout;
import org.glassplate.server.web.RefusalView;
import org.glassplate.server.web.ShownTime;

/**
 * The view model of {@code hotlist/supervisor.jte}: the hot lists, the hand-added entries and the
 * imports that wait for a second person, and what the last action did (a message, or its refusal:
 * {@code refusedRow} names the row it concerns, {@code typed} the reason as typed there).
 */
public record SupervisorView(Layout layout, String message, RefusalView refusal, String refusedRow, String typed,
    List<ListRow> lists, List<EntryRow> entries, List<ImportRow> imports, int shown) {

  /** A hot list: its name, where it comes from (in words) and whether it is used. */
  public record ListRow(long id, String name, String source, boolean active) {
  }

  /** An entry added by hand that waits for approval; {@code addedBy} is a name. */
  public record EntryRow(long id, long listId, String list, String plate, String state, String reason,
      ShownTime expires, String addedBy, ShownTime addedAt) {
    /** The element id of the row, for {@link SupervisorView#refusedRow}. */
    public String rowId() {
      return "entry-" + id;
    }
  }

  /** An import waiting for approval, by counts (its rows are plate data shown only once it is in force). */
  public record ImportRow(long id, long listId, String list, String mode, int rowsAccepted, int rowsRejected,
      String startedBy, ShownTime startedAt) {
    public String rowId() {
      return "import-" + id;
    }
  }

  /** Whether the refusal shown concerns this row's reason field. */
  public boolean invalidReason(String rowId) {
    return refusal != null && rowId.equals(refusedRow) && "reason".equals(refusal.field());
  }

  /** The reason as typed in this row before a refusal, so that nothing typed is lost. */
  public String typedIn(String rowId) {
    return rowId.equals(refusedRow) && typed != null ? typed : "";
  }
}

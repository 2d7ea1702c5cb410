package org.glassplate.server.hotlist.web;

import java.util.List;
import org.glassplate.server.web.Layout;

/** The view model of {@code hotlist/import.jte}: the lists a file may go into and the reason categories. */
public record ImportView(Layout layout, List<Option> lists, List<Option> reasons) {

  /** An option of a select; {@code source} only for lists. */
  public record Option(String value, String label, String source) {
  }
}

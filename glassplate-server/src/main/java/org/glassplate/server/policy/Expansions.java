package org.glassplate.server.policy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a new version expands compared with the one in force: longer retention, more sharing, more
 * hot-list sources, more collection. An expansion needs a governing-body approval (resolution or
 * minutes reference) besides the two administrators (R-GOV-2, R-SHR-1).
 */
final class Expansions {
  private Expansions() {
  }

  /** One line per expansion, e.g. {@code retention.nonHit P30D -> P60D}; empty when nothing expands. */
  static List<String> between(PolicyContent before, PolicyContent after) {
    List<String> out = new ArrayList<>();
    longer(out, "retention.nonHit", before.retention().nonHit(), after.retention().nonHit());
    longer(out, "retention.hit", before.retention().hit(), after.retention().hit());
    longer(out, "retention.maxLegalHold", before.retention().maxLegalHold(), after.retention().maxLegalHold());
    longer(out, "retention.maxExtension", before.retention().maxExtension(), after.retention().maxExtension());
    Map<String, SharingRecipient> old = new HashMap<>();
    before.sharing().recipients().forEach(r -> old.put(r.id(), r));
    for (SharingRecipient r : after.sharing().recipients()) {
      SharingRecipient was = old.get(r.id());
      if (was == null) {
        out.add("sharing.recipients adds " + r.id());
      } else if (!was.equals(r)) {
        out.add("sharing.recipients changes " + r.id());
      }
    }
    for (String s : after.hotlists().sources()) {
      if (!before.hotlists().sources().contains(s)) {
        out.add("hotlists.sources adds " + s);
      }
    }
    for (String c : after.collection().collected()) {
      if (!before.collection().collected().contains(c)) {
        out.add("collection.collected adds " + c);
      }
    }
    return out;
  }

  private static void longer(List<String> out, String field, Duration before, Duration after) {
    if (after.compareTo(before) > 0) {
      out.add(field + " " + before + " -> " + after);
    }
  }
}

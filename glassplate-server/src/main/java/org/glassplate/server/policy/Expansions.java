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
    Map<String, SharingAgreement> old = new HashMap<>();
    before.sharing().agreements().forEach(a -> old.put(a.id(), a));
    for (SharingAgreement a : after.sharing().agreements()) {
      out.addAll(ofAgreement(old.get(a.id()), a));
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

  /**
   * How {@code after} widens {@code before} (the same partner's entry in the version in force, or
   * null): a new agreement, terms where there were none, a new direction, more cameras, all reads
   * instead of hits only, a longer lookback, more offenses, an earlier start or a later expiry. A
   * narrower scope, a new URL or key, a new name or reference is not an expansion (two administrators
   * still approve it); a new state or kind is (the legal floor judges the partner anew).
   */
  static List<String> ofAgreement(SharingAgreement before, SharingAgreement after) {
    String at = "sharing.agreements " + after.id();
    if (before == null) {
      return List.of("sharing.agreements adds " + after.id());
    }
    List<String> out = new ArrayList<>();
    if (!before.state().equals(after.state())) {
      out.add(at + " state " + before.state() + " -> " + after.state());
    }
    if (before.kind() != after.kind()) {
      out.add(at + " kind " + before.kind().yamlName() + " -> " + after.kind().yamlName());
    }
    SharingAgreement.Terms was = before.terms();
    SharingAgreement.Terms now = after.terms();
    if (now == null) {
      return out; // an older recipient entry: nothing to widen but the partner itself
    }
    if (was == null) {
      out.add(at + " gains the terms of an agreement");
      return out;
    }
    if ((now.direction().weAnswer() && !was.direction().weAnswer())
        || (now.direction().theyAnswer() && !was.direction().theyAnswer())) {
      out.add(at + " direction " + was.direction().yamlName() + " -> " + now.direction().yamlName());
    }
    SharingAgreement.Scope ws = was.scope();
    SharingAgreement.Scope ns = now.scope();
    if (ns.allCameras() && !ws.allCameras()) {
      out.add(at + " scope.cameras " + ws.cameras() + " -> all");
    } else if (!ns.allCameras() && !ws.allCameras() && !ws.cameras().containsAll(ns.cameras())) {
      List<Long> added = ns.cameras().stream().filter(c -> !ws.cameras().contains(c)).toList();
      out.add(at + " scope.cameras adds " + added);
    }
    if (!ns.hitsOnly() && ws.hitsOnly()) {
      out.add(at + " scope.reads hits-only -> all");
    }
    longer(out, at + " scope.lookback", ws.lookback(), ns.lookback());
    List<String> offenses = ns.offenses().stream().filter(o -> !ws.offenses().contains(o)).toList();
    if (!offenses.isEmpty()) {
      out.add(at + " scope.offenses adds " + String.join(", ", offenses));
    }
    if (now.starts().isBefore(was.starts())) {
      out.add(at + " starts " + was.starts() + " -> " + now.starts());
    }
    if (now.expires().isAfter(was.expires())) {
      out.add(at + " expires " + was.expires() + " -> " + now.expires());
    }
    return out;
  }

  private static void longer(List<String> out, String field, Duration before, Duration after) {
    if (after.compareTo(before) > 0) {
      out.add(field + " " + before + " -> " + after);
    }
  }
}

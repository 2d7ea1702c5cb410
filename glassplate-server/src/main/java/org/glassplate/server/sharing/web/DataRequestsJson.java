package org.glassplate.server.sharing.web;

import java.time.Instant;
import java.util.List;
import org.glassplate.server.sharing.DataRequest;

/** The JSON of {@code /api/v1/data-requests}: for supervisors and auditors only (it names people and cases). */
final class DataRequestsJson {
  private DataRequestsJson() {
  }

  record Requests(List<Request> requests) {
  }

  record Request(long id, String status, Agency agency, Requester requester, String purpose, String caseNumber,
      String offense, List<String> plates, String from, String to, String receivedAt, String documentReference,
      String recordedBy, String recordedAt, String refusalCode, String policySha256, List<Event> history) {
    @Override
    public String toString() {
      return "Request[" + id + ", redacted]";
    }
  }

  record Agency(String name, String state, String kind) {
  }

  record Requester(String name, String title, String contact) {
    @Override
    public String toString() {
      return "Requester[redacted]";
    }
  }

  record Event(String action, String actor, String at, String note, Long auditIndex, String sha256) {
    @Override
    public String toString() {
      return "Event[" + action + "]";
    }
  }

  static Request of(DataRequest r) {
    return new Request(r.id(), r.status().name(),
        new Agency(r.agency().name(), r.agency().state(), r.agency().kind()),
        new Requester(r.requester().name(), r.requester().title(), r.requester().contact()), r.purpose(),
        r.caseNumber(), r.offense(), r.plates(), time(r.from()), time(r.to()), time(r.receivedAt()),
        r.documentReference(), r.recordedByPseudonym(), time(r.recordedAt()), r.refusalCode(), r.policySha256(),
        r.history().stream().map(e -> new Event(e.action(), e.actor(), time(e.at()), e.note(), e.auditIndex(),
            e.sha256())).toList());
  }

  private static String time(Instant i) {
    return i == null ? null : i.toString();
  }
}

package org.glassplate.server.search.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.glassplate.server.reads.PlateRead;
import org.glassplate.server.search.SearchResult;

/** The JSON answer of {@code POST /api/v1/searches}. */
final class SearchJson {
  private SearchJson() {
  }

  static Map<String, Object> result(SearchResult r, Map<Long, String> cameraNames) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("searchId", r.searchId().toString());
    m.put("auditIndex", r.auditIndex());
    m.put("results", r.results().stream().map(read -> read(read, cameraNames)).toList());
    m.put("page", r.page());
    m.put("pageSize", r.pageSize());
    m.put("more", r.more());
    m.put("camerasCovered", r.camerasCovered());
    m.put("flagged", r.flagged());
    m.put("policySha256", r.policySha256());
    return m;
  }

  static Map<String, Object> read(PlateRead r, Map<Long, String> cameraNames) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("readId", r.id());
    m.put("capturedAt", r.capturedAt().toString());
    m.put("cameraId", r.cameraId());
    m.put("camera", cameraNames.get(r.cameraId()));
    m.put("plate", r.plate().value());
    m.put("state", r.state().value());
    m.put("lat", r.lat());
    m.put("lon", r.lon());
    m.put("confidence", r.confidence());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("make", r.vehicle().make());
    v.put("color", r.vehicle().color());
    v.put("type", r.vehicle().type());
    m.put("vehicle", v);
    return m;
  }
}

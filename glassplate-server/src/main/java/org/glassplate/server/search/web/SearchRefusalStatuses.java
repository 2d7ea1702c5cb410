package org.glassplate.server.search.web;

import org.glassplate.server.search.SearchRefusal;
import org.glassplate.server.web.RefusalStatuses;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/** The HTTP status of each {@link SearchRefusal} code. */
@Component
class SearchRefusalStatuses implements RefusalStatuses<SearchRefusal> {

  @Override
  public Class<SearchRefusal> codes() {
    return SearchRefusal.class;
  }

  @Override
  public HttpStatus status(SearchRefusal code) {
    return switch (code) {
      case NOT_SHARED -> HttpStatus.FORBIDDEN;
      case SEARCH_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
    };
  }
}

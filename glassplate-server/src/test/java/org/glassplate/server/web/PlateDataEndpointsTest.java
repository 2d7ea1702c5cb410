package org.glassplate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;

class PlateDataEndpointsTest {
  private static final PlateDataEndpoints ENDPOINTS = PlateDataEndpoints.none()
      .with(HttpMethod.GET, "/api/v1/things/*", "view")
      .with(HttpMethod.POST, "/api/v1/things/*/approval", "approve")
      .with("/api/v1/things/*/imports/**", "import");

  private static MockHttpServletRequest request(String method, String path) {
    MockHttpServletRequest r = new MockHttpServletRequest(method, path);
    r.setRequestURI(path);
    r.setServletPath(path);
    return r;
  }

  @Test
  void givesTheWordOfTheEndpointARequestIsOn() {
    assertThat(ENDPOINTS.labelOf(request("GET", "/api/v1/things/7"))).contains("view");
    assertThat(ENDPOINTS.labelOf(request("POST", "/api/v1/things/7/approval"))).contains("approve");
    assertThat(ENDPOINTS.labelOf(request("PUT", "/api/v1/things/7/imports/3/rows"))).contains("import");
  }

  @Test
  void nothingForAnotherMethodOrPath() {
    assertThat(ENDPOINTS.labelOf(request("POST", "/api/v1/things/7"))).isEmpty();
    assertThat(ENDPOINTS.labelOf(request("GET", "/api/v1/others/7"))).isEmpty();
    assertThat(PlateDataEndpoints.none().labelOf(request("GET", "/api/v1/things/7"))).isEmpty();
  }

  @Test
  void theFirstThatMatchesGivesTheWordAndAddingMakesANewTable() {
    PlateDataEndpoints more = ENDPOINTS.with(HttpMethod.GET, "/api/v1/things/**", "other");
    assertThat(more.labelOf(request("GET", "/api/v1/things/7"))).contains("view");
    assertThat(more.labelOf(request("GET", "/api/v1/things/7/history"))).contains("other");
    assertThat(ENDPOINTS.labelOf(request("GET", "/api/v1/things/7/history"))).as("unchanged").isEmpty();
  }
}

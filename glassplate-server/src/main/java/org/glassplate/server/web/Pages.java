package org.glassplate.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page is a JTE template ({@code src/main/jte/NAME.jte}) rendered from one typed view model,
 * passed as the template's {@code page} parameter.
 */
public final class Pages {
  private Pages() {
  }

  public static ModelAndView page(String template, Object page) {
    return page(template, page, HttpStatus.OK);
  }

  public static ModelAndView page(String template, Object page, HttpStatusCode status) {
    return new ModelAndView(template, Map.of("page", page), status);
  }

  /** Pages that may show secrets, case numbers or reasons are never cached. */
  public static void noStore(HttpServletResponse response) {
    response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
  }
}

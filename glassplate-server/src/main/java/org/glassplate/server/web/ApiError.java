package org.glassplate.server.web;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape of the HTTP API (DESIGN.md): {@code {"error":{"code","message","field"?}}}. */
public record ApiError(Body error) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Body(String code, String message, String field) {
  }

  public static ApiError of(String code, String message, String field) {
    return new ApiError(new Body(code, message, field));
  }

  /** Hand-written JSON for places outside Spring MVC (security filters) where no converter runs. */
  public String toJson() {
    StringBuilder sb = new StringBuilder("{\"error\":{\"code\":").append(quote(error.code()))
        .append(",\"message\":").append(quote(error.message()));
    if (error.field() != null) {
      sb.append(",\"field\":").append(quote(error.field()));
    }
    return sb.append("}}").toString();
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}

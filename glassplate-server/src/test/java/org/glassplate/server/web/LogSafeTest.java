package org.glassplate.server.web;

import org.glassplate.server.core.LogSafe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class LogSafeTest {

  @Test
  void keepsTypesAndStackButNoMessageOfTheWholeChain() {
    IllegalStateException inner = new IllegalStateException("row (7ABC123) rejected");
    RuntimeException outer = new RuntimeException("case 24-1187 failed", inner);
    Throwable safe = LogSafe.redact(outer);
    StringWriter out = new StringWriter();
    safe.printStackTrace(new PrintWriter(out));
    assertThat(out.toString()).doesNotContain("7ABC123").doesNotContain("24-1187")
        .contains("java.lang.RuntimeException").contains("java.lang.IllegalStateException")
        .contains("keepsTypesAndStackButNoMessageOfTheWholeChain");
    assertThat(safe.getStackTrace()).isEqualTo(outer.getStackTrace());
    assertThat(safe.getCause().getStackTrace()).isEqualTo(inner.getStackTrace());
  }
}

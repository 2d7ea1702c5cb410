package org.glassplate.server.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recording a metric never fails the action (issue 18), and a label value is a code or OTHER. */
class FiguresTest {

  @Test
  void aFailingRecordingIsSwallowed() {
    int[] after = {0};
    Figures.record(() -> {
      throw new IllegalStateException("registry closed");
    });
    Figures.record(() -> after[0]++);
    assertThat(after[0]).as("recording goes on after a failure").isEqualTo(1);
  }

  record Case(String code, String want) {
  }

  @Test
  void aLabelIsACodeOrOther() {
    for (Case c : List.of(new Case("PROHIBITED_PURPOSE", "PROHIBITED_PURPOSE"), new Case("PLATE", "PLATE"),
        new Case(null, "OTHER"), new Case("", "OTHER"), new Case("7ABC123", "OTHER"),
        new Case("immigration hold on someone", "OTHER"), new Case("24-001187", "OTHER"),
        new Case("A".repeat(41), "OTHER"))) {
      assertThat(Figures.code(c.code())).as("code(%s)", c.code()).isEqualTo(c.want());
    }
  }
}

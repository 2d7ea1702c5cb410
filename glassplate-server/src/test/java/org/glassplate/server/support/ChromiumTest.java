package org.glassplate.server.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * A browser test without Chromium: skipped on a developer's machine, failed under CI ({@code CI=true}),
 * so that CI cannot pass silently without a browser.
 */
class ChromiumTest {
  @Test
  void withoutChromiumABrowserTestFailsUnderCiAndIsSkippedElsewhere() {
    assertThatThrownBy(() -> Chromium.requireInstalled(false, "true")).isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("CI=true");
    assertThatThrownBy(() -> Chromium.requireInstalled(false, "TRUE ")).isInstanceOf(AssertionFailedError.class);
    assertThatThrownBy(() -> Chromium.requireInstalled(false, null)).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(() -> Chromium.requireInstalled(false, "false")).isInstanceOf(TestAbortedException.class);
    assertThatThrownBy(() -> Chromium.requireInstalled(false, "")).isInstanceOf(TestAbortedException.class);
  }

  @Test
  void withChromiumABrowserTestRunsWhereverItIs() {
    assertThatCode(() -> Chromium.requireInstalled(true, "true")).doesNotThrowAnyException();
    assertThatCode(() -> Chromium.requireInstalled(true, null)).doesNotThrowAnyException();
  }
}

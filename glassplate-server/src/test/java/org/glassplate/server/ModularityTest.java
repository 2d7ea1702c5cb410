package org.glassplate.server;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** Fails the build when a feature reaches into another feature's internals (STYLE.md). */
class ModularityTest {

  @Test
  void featuresOnlyUseEachOthersPublicApi() {
    ApplicationModules.of(GlassplateApplication.class).verify();
  }
}

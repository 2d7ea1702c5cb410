package org.glassplate.server;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Glassplate application. Each direct sub-package is one feature (see DESIGN.md); {@code web}
 * is the shared HTTP and security infrastructure every feature plugs into; {@code core} holds what
 * every feature shares that is not HTTP (a refusal and its codes).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(systemName = "Glassplate", sharedModules = {"core", "web"})
public class GlassplateApplication {
}

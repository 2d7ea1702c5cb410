package org.glassplate.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled seed and simulate (only {@code ./glassplate demo} sets it)
 * @param rate simulated reads per second
 */
@ConfigurationProperties("glassplate.demo")
record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("3") double rate) {
}

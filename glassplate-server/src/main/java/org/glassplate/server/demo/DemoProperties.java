package org.glassplate.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param enabled seed and simulate (only {@code ./glassplate demo} sets it)
 * @param rate simulated reads per second
 * @param historyDays days of history seeded on the first start ({@link DemoHistory}); 0 for none (partner nodes)
 */
@ConfigurationProperties("glassplate.demo")
record DemoProperties(@DefaultValue("false") boolean enabled, @DefaultValue("3") double rate,
    @DefaultValue("30") int historyDays) {
}

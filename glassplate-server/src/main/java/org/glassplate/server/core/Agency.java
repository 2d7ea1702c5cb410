package org.glassplate.server.core;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The one agency this installation serves. {@code id} is part of the audit log's origin, so it
 * must not change once the log has entries.
 *
 * @param id a short stable slug, e.g. {@code mesa-verde-pd}
 * @param name the agency's public name
 * @param state the two-letter state whose legal floor applies (R-SHR-2)
 * @param timeZone where the agency is: pages show times in it (UTC on hover); the log and the JSON stay in UTC
 */
@ConfigurationProperties("glassplate.agency")
public record Agency(@DefaultValue("demo-pd") String id, @DefaultValue("Glassplate Police Department") String name,
    @DefaultValue("CA") String state, @DefaultValue("UTC") ZoneId timeZone) {

  public Agency {
    timeZone = timeZone == null ? ZoneId.of("UTC") : timeZone;
  }
}

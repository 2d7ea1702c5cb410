/**
 * What every feature shares and no feature owns (a closed, shared module, see GlassplateApplication):
 * the caller and the roles, the agency, the clock, the training check (implemented by accounts),
 * log-safe error reporting, and a refusal with the codes it carries. Web-neutral: no HTTP type here; the web layer maps each code to its status
 * (STYLE.md 6).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.glassplate.server.core;

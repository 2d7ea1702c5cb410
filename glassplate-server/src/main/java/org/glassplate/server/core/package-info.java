/**
 * What every feature shares and no feature owns: a refusal and the codes it carries. Web-neutral:
 * no HTTP type here; the web advice maps each code to its status (STYLE.md 6).
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.glassplate.server.core;

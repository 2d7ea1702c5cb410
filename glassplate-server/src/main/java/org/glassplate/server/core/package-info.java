/**
 * What every feature shares and no feature owns (a shared module, see GlassplateApplication): a
 * refusal and the codes it carries. Web-neutral: no HTTP type here; the web layer maps each code
 * to its status (STYLE.md 6).
 */
package org.glassplate.server.core;

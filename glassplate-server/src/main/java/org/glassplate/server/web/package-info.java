/**
 * HTTP plumbing every feature plugs into, and nothing else: the error shape and the one table of
 * refusal statuses, deny-by-default security, bearer-token authentication, the page layout and the
 * chart helper.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.glassplate.server.web;

/**
 * Shared HTTP infrastructure: the error shape, deny-by-default security, bearer-token
 * authentication that features plug their credentials into, the injected clock.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.glassplate.server.web;

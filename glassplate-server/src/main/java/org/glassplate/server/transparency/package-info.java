/** The public transparency page and its JSON and CSV twins (R-PUB-1). */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "web", "audit", "search", "retention", "reads", "policy", "hotlist", "sharing", "oversight"})
package org.glassplate.server.transparency;

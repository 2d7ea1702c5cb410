/** The public transparency page and its JSON and CSV twins (R-PUB-1). */
package org.glassplate.server.transparency;

/**
 * Reads a vendor's (Flock's) audit exports, transparency portal and sharing lists as released under
 * public-records law, runs the misuse rules over them and writes a report a council member can read
 * (R-GOV-5, issue 17). A named interface of the oversight module: the command line
 * ({@code import vendor-audit}) uses it without a database.
 */
@org.springframework.modulith.NamedInterface("vendor")
package org.glassplate.server.oversight.vendor;

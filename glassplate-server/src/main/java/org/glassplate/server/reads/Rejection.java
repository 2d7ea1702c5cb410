package org.glassplate.server.reads;

/** Why one read of a batch was not stored. The message names the rule, never the value. */
public record Rejection(int index, String field, String message) {
}

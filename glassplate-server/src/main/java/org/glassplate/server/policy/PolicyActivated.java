package org.glassplate.server.policy;

/**
 * A policy version became effective (published after its transaction committed). {@code previous}
 * is null for the first version, installed at first start.
 */
public record PolicyActivated(EffectivePolicy previous, EffectivePolicy current) {
}

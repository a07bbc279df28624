package io.opensbc.sip.routing.health;

import java.util.Objects;

/**
 * A target's health as stored: the value and its per-target sequence number. The prober that owns
 * the target numbers its writes 1, 2, 3...; a store keeps the highest number it has seen.
 */
public record HealthRecord(TargetId target, TargetHealth health, long seq) {
  public HealthRecord {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(health, "health");
  }
}

package io.opensbc.config.model.rules;

/** Which way a message crosses a trunk, seen from the SBC. */
public enum Direction {
  /** Received from the trunk. */
  INBOUND,
  /** Sent to the trunk. */
  OUTBOUND;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}

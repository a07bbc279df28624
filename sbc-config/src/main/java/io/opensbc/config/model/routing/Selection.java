package io.opensbc.config.model.routing;

/** How a trunk picks the first target of a call; failover then goes through the rest. */
public enum Selection {
  /** Lowest priority first, weighted random within a priority (RFC 2782 style). Default. */
  PRIORITY,
  /** Each new call starts at the next target. */
  ROUND_ROBIN,
  /** The Call-ID's hash picks the first target (the same call always goes the same way). */
  CALL_ID_HASH;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }
}

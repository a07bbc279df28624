package io.opensbc.config.model.signalling;

/**
 * Which provisional responses (18x) of the other leg are passed to a trunk that placed a call.
 * Teams does not cope with a string of 18x (ringback, then early media, from several forks).
 */
public enum Provisional {
  /** Every 18x is passed on. Default. */
  ALL,
  /** Only the first 18x of a call is passed on; later ones are absorbed (the call state is kept). */
  FIRST_ONLY,
  /** A 183 is passed on as 180 Ringing (its SDP kept): the caller plays what the callee sends. */
  AS_180;

  public String configName() {
    return switch (this) {
      case ALL -> "all";
      case FIRST_ONLY -> "first-only";
      case AS_180 -> "183-as-180";
    };
  }
}

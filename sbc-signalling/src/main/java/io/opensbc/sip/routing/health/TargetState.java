package io.opensbc.sip.routing.health;

/** What the OPTIONS keep-alive says about a target. */
public enum TargetState {
  /** Answers with an alive code: route to it. */
  UP,
  /** Failed {@code failuresToDown} probes in a row (or went back down while recovering). */
  DOWN,
  /**
   * Not decided yet: either never probed to a verdict (a new target: no success and fewer than
   * {@code failuresToDown} failures), or recovering (a DOWN target that has answered, but fewer than
   * {@code successesToUp} times in a row). {@link TargetHealth#recovering()} tells the two apart.
   */
  PROBING
}

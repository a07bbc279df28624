package io.opensbc.sip.admission;

/** What to do with a new request that met an admission check. */
public enum Admission {
  /** Go on to the next check, and at the end to routing. */
  ADMIT,
  /** Send nothing: the request is forgotten (no transaction, no state). */
  DROP,
  /** Answer statelessly with 503 Service Unavailable and Retry-After; route nothing. */
  REJECT_503,
  /** Answer with the retry-damping status (486 by default) without routing. */
  DAMP
}

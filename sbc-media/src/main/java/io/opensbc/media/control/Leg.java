package io.opensbc.media.control;

/**
 * The two sides of a media session. By convention A faces the caller and B the callee; the relay
 * treats them alike: what arrives on one leg leaves from the other.
 */
public enum Leg {
  A,
  B;

  public Leg other() {
    return this == A ? B : A;
  }
}

package io.opensbc.media.ice;

/** What {@link StunCodec#decode} made of a datagram: a message, or the reason it is not one. */
public sealed interface StunDecodeResult {

  /**
   * A well-formed message. {@code integrityAt} and {@code fingerprintAt} are the offsets of the
   * MESSAGE-INTEGRITY and FINGERPRINT attribute headers from the start of the message, or -1 when
   * absent; {@link StunCodec#integrityValid} and {@link StunCodec#fingerprintValid} use them on the
   * original bytes.
   */
  record Decoded(StunMessage message, int integrityAt, int fingerprintAt)
      implements StunDecodeResult {}

  /** Not a STUN message, or a broken one; {@code reason} is for logs. */
  record Malformed(String reason) implements StunDecodeResult {}
}

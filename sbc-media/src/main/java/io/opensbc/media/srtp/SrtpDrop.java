package io.opensbc.media.srtp;

/**
 * Why {@link SrtpContext} refused a packet. Each reason is returned as a negative status in place
 * of the packet's new length, so the hot path allocates nothing; {@link #fromStatus} names it.
 * Every drop is counted per context ({@link SrtpContext#dropped}).
 */
public enum SrtpDrop {
  /** Too short, not version 2, a header that overruns the packet, or inconsistent padding. */
  MALFORMED(-1),
  /** The authentication tag does not verify (forged, corrupted, or keyed differently). */
  NOT_AUTHENTIC(-2),
  /** Its index was already accepted (RFC 3711 §3.3.2). */
  REPLAYED(-3),
  /** Its index is below the replay window, so a replay cannot be ruled out. */
  TOO_OLD(-4),
  /** Its SSRC is not the one this context is bound to: one context serves one SSRC. */
  OTHER_SSRC(-5),
  /** It carries an MKI other than the one this context was keyed with. */
  UNKNOWN_MKI(-6),
  /** protect only: the array lacks room after the packet for the tag (and index and MKI). */
  NO_ROOM(-7),
  /** 2^48 SRTP or 2^31 SRTCP packets were protected with these keys: rekey (RFC 3711 §9.2). */
  KEYS_EXHAUSTED(-8);

  private static final SrtpDrop[] BY_STATUS = values();

  private final int status;

  SrtpDrop(int status) {
    this.status = status;
  }

  /** The negative value that stands for this reason. */
  public int status() {
    return status;
  }

  /**
   * The reason a negative status stands for.
   *
   * @throws IllegalArgumentException for a status that is not one of ours (including a length)
   */
  public static SrtpDrop fromStatus(int status) {
    int i = -status - 1;
    if (i < 0 || i >= BY_STATUS.length) {
      throw new IllegalArgumentException("not an SRTP drop status: " + status);
    }
    return BY_STATUS[i];
  }
}

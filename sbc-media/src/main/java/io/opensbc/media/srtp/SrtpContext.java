package io.opensbc.media.srtp;

import io.opensbc.media.srtp.ReplayWindow.Verdict;
import io.opensbc.media.srtp.SrtpKeyDerivation.SessionKeys;
import java.util.Objects;

/**
 * The SRTP and SRTCP crypto context of one SSRC in one direction (RFC 3711 §3.2): session keys
 * derived once from the master key, the rollover counter and replay list for SRTP (§3.3.1,
 * §3.3.2), the SRTCP index and its replay list (§3.4). Use a context either to protect (outbound)
 * or to unprotect (inbound), never both: the two share the index state.
 *
 * <h2>Buffers</h2>
 *
 * Packets are transformed in place in the caller's array: {@code buf[off, off + len)} holds the
 * packet on entry and {@code buf[off, off + result)} on return. Protect appends, so the array must
 * have {@link #rtpOverhead()} (or {@link #rtcpOverhead()}) free bytes after the packet, which the
 * relay gets by allocating its receive buffers with that much headroom beyond the largest
 * datagram; without it the packet is refused with {@link SrtpDrop#NO_ROOM}, never written past
 * the end. Unprotect only shortens. A Vert.x {@code Buffer} or Netty {@code ByteBuf} with a
 * backing array is used through its array and offset.
 *
 * <h2>Results</h2>
 *
 * Each method returns the new length, or a negative {@link SrtpDrop} status for a packet that is
 * short, malformed, forged, replayed, too old, of another SSRC or carrying another MKI. No byte
 * content makes a method throw; only a range outside the array does ({@link
 * IndexOutOfBoundsException}, a caller bug). After a drop the packet's bytes are unspecified:
 * discard it. Drops are counted per reason ({@link #dropped}); a dropped packet never moves the
 * rollover counter or the replay window, so a forgery cannot desynchronise the stream.
 *
 * <h2>Threads</h2>
 *
 * Not thread-safe: it reuses its {@code Cipher} and {@code Mac} instances and scratch arrays for
 * every packet. Own it on one event loop, the one that owns the call's media (as the relay shards
 * by SSRC).
 *
 * <h2>SSRC</h2>
 *
 * The context binds to the SSRC of the first RTP packet it protects or authenticates, and the
 * SRTCP side separately to the sender SSRC of the first RTCP packet (a receive-only party sends
 * RTCP under an SSRC that never carries RTP). Packets of any other SSRC are {@link
 * SrtpDrop#OTHER_SSRC}: their index would otherwise move this stream's rollover counter and window.
 *
 * <h2>Sending</h2>
 *
 * The sender estimates each packet's index from its sequence number exactly as a receiver does, so
 * a relay may forward packets out of order across a sequence wrap. It refuses to protect an index
 * twice ({@link SrtpDrop#REPLAYED}): the same index means the same keystream, and for GCM the same
 * nonce, which would expose the authentication key. The first SRTCP packet carries index 0
 * (§3.4: "set to zero before the first SRTCP packet is sent"); every SRTCP packet sent is
 * encrypted (E = 1).
 *
 * <h2>Throughput</h2>
 *
 * Per-packet crypto is the JDK's JCE, which uses the AES-NI and CLMUL intrinsics, some six times
 * faster than Bouncy Castle's Java AES. A plain loop on the build machine did about 1.1 million
 * protect-and-unprotect pairs of 172-byte packets a second on one core, for every profile
 * (docs/media.md). Measure with JMH ({@code bench/jmh}), not in unit tests. A packet with a bad GCM
 * tag costs an {@code AEADBadTagException} inside the JCE, about two microseconds.
 */
public final class SrtpContext {

  /** One beyond the largest SRTP index: 2^48 (a 32-bit ROC and a 16-bit SEQ). */
  private static final long INDEX_LIMIT = 1L << 48;
  /** One beyond the largest SRTCP index: 2^31. */
  private static final long SRTCP_INDEX_LIMIT = 1L << 31;

  private final SrtpProfile profile;
  private final SrtpTransform transform;
  private final ReplayWindow rtpWindow;
  private final ReplayWindow rtcpWindow;
  private final long[] drops = new long[SrtpDrop.values().length];
  private boolean rtpBound;
  private int rtpSsrc;
  private boolean rtcpBound;
  private int rtcpSsrc;
  private long nextSrtcpIndex;
  private long rtpPackets;
  private long rtcpPackets;

  /** A context with the RFC's replay window of 64 and no MKI. */
  public static SrtpContext create(SrtpMasterKey key) {
    return create(key, ReplayWindow.DEFAULT_SIZE, new byte[0]);
  }

  /**
   * A context whose replay windows hold {@code replayWindow} packets (64 to 32768; video over lossy
   * paths may want 1024) and which writes and expects {@code mki} (empty for none) on every packet.
   */
  public static SrtpContext create(SrtpMasterKey key, int replayWindow, byte[] mki) {
    return new SrtpContext(key.profile(), SrtpKeyDerivation.rtp(key),
        SrtpKeyDerivation.rtcp(key), replayWindow, mki);
  }

  /** From session keys, bypassing key derivation: RFC 7714's vectors are given that way. */
  SrtpContext(SrtpProfile profile, SessionKeys rtp, SessionKeys rtcp, int replayWindow,
      byte[] mki) {
    this.profile = Objects.requireNonNull(profile, "profile");
    if (mki.length > 128) {
      throw new IllegalArgumentException("MKI of " + mki.length + " bytes (allowed: 0..128)");
    }
    this.transform = profile.aead()
        ? new AesGcmTransform(rtp, rtcp, mki)
        : new AesCmTransform(profile, rtp, rtcp, mki);
    this.rtpWindow = new ReplayWindow(replayWindow);
    this.rtcpWindow = new ReplayWindow(replayWindow);
  }

  public SrtpProfile profile() {
    return profile;
  }

  /** The most bytes {@link #protect} appends to an RTP packet. */
  public int rtpOverhead() {
    return transform.rtpOverhead();
  }

  /** The most bytes {@link #protectRtcp} appends to an RTCP packet. */
  public int rtcpOverhead() {
    return transform.rtcpOverhead();
  }

  /**
   * Encrypts and tags the RTP packet in {@code buf[off, off + len)} (RFC 3711 §3.3, RFC 7714 §8).
   *
   * @return the SRTP packet's length, or a negative {@link SrtpDrop} status
   */
  public int protect(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    int header = RtpHeader.rtpHeaderLength(buf, off, len);
    if (header < 0 || !RtpHeader.paddingFits(buf, off, len, header)) {
      return drop(SrtpDrop.MALFORMED);
    }
    if (buf.length - off - len < transform.rtpOverhead()) {
      return drop(SrtpDrop.NO_ROOM);
    }
    int ssrc = RtpHeader.rtpSsrc(buf, off);
    long index = estimateIndex(RtpHeader.sequenceNumber(buf, off));
    int refused = admitRtp(ssrc, index);
    if (refused < 0) {
      return refused;
    }
    int n = transform.protectRtp(buf, off, len, header, ssrc, index);
    acceptRtp(ssrc, index);
    return n;
  }

  /**
   * Verifies, checks against replay, and decrypts the SRTP packet in {@code buf[off, off + len)}.
   *
   * @return the RTP packet's length, or a negative {@link SrtpDrop} status
   */
  public int unprotect(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    int header = RtpHeader.rtpHeaderLength(buf, off, len);
    if (header < 0 || len - transform.rtpOverhead() < header) {
      return drop(SrtpDrop.MALFORMED);
    }
    int ssrc = RtpHeader.rtpSsrc(buf, off);
    long index = estimateIndex(RtpHeader.sequenceNumber(buf, off));
    int refused = admitRtp(ssrc, index);
    if (refused < 0) {
      return refused;
    }
    int n = transform.unprotectRtp(buf, off, len, header, ssrc, index);
    if (n < 0) {
      return drop(SrtpDrop.fromStatus(n));
    }
    acceptRtp(ssrc, index);
    return n;
  }

  /**
   * Encrypts and tags the (compound) RTCP packet in {@code buf[off, off + len)}, appending the E
   * flag and the next SRTCP index (RFC 3711 §3.4, RFC 7714 §9).
   *
   * @return the SRTCP packet's length, or a negative {@link SrtpDrop} status
   */
  public int protectRtcp(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (!RtpHeader.isRtcp(buf, off, len)) {
      return drop(SrtpDrop.MALFORMED);
    }
    if (buf.length - off - len < transform.rtcpOverhead()) {
      return drop(SrtpDrop.NO_ROOM);
    }
    int ssrc = RtpHeader.rtcpSsrc(buf, off);
    if (rtcpBound && ssrc != rtcpSsrc) {
      return drop(SrtpDrop.OTHER_SSRC);
    }
    if (nextSrtcpIndex >= SRTCP_INDEX_LIMIT) {
      return drop(SrtpDrop.KEYS_EXHAUSTED);
    }
    int n = transform.protectRtcp(buf, off, len, ssrc, (int) nextSrtcpIndex);
    nextSrtcpIndex++;
    acceptRtcp(ssrc);
    return n;
  }

  /**
   * Verifies, checks against replay, and decrypts (when its E flag is set) the SRTCP packet in
   * {@code buf[off, off + len)}. Packets sent unencrypted (E = 0) are verified and returned as
   * they are.
   *
   * @return the RTCP packet's length, or a negative {@link SrtpDrop} status
   */
  public int unprotectRtcp(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (!RtpHeader.isRtcp(buf, off, len) || len < transform.minimumSrtcpLength()) {
      return drop(SrtpDrop.MALFORMED);
    }
    int ssrc = RtpHeader.rtcpSsrc(buf, off);
    if (rtcpBound && ssrc != rtcpSsrc) {
      return drop(SrtpDrop.OTHER_SSRC);
    }
    int indexAt = len - transform.rtcpTrailerAfterIndex() - 4;
    int word = RtpHeader.s32(buf, off + indexAt);
    int index = word & 0x7fff_ffff;
    Verdict verdict = rtcpWindow.check(index);
    if (verdict != Verdict.NEW) {
      return drop(verdict == Verdict.DUPLICATE ? SrtpDrop.REPLAYED : SrtpDrop.TOO_OLD);
    }
    int n = transform.unprotectRtcp(buf, off, len, ssrc, indexAt, word < 0);
    if (n < 0) {
      return drop(SrtpDrop.fromStatus(n));
    }
    rtcpWindow.record(index);
    acceptRtcp(ssrc);
    return n;
  }

  /** Packets refused for {@code reason} so far. */
  public long dropped(SrtpDrop reason) {
    return drops[reason.ordinal()];
  }

  /** RTP packets protected or unprotected so far. */
  public long rtpPackets() {
    return rtpPackets;
  }

  /** RTCP packets protected or unprotected so far. */
  public long rtcpPackets() {
    return rtcpPackets;
  }

  /** The rollover counter: the upper 32 bits of the highest SRTP index accepted, 0 before any. */
  public long rolloverCounter() {
    long highest = rtpWindow.highest();
    return highest < 0 ? 0 : highest >>> 16;
  }

  /** Test hook: the SRTCP index the next protected packet will carry. */
  void nextSrtcpIndex(long index) {
    nextSrtcpIndex = index;
  }

  /**
   * The packet index of a sequence number (RFC 3711 §3.3.1 and Appendix A): the ROC guessed from
   * the highest index so far, {@code s_l}, one less when SEQ lies far above it (a late packet from
   * before a wrap), one more when far below (the first packets after a wrap). Negative for a packet
   * from before the first rollover period, which the caller treats as too old.
   */
  private long estimateIndex(int seq) {
    long highest = rtpWindow.highest();
    if (highest < 0) {
      return seq;
    }
    long roc = highest >>> 16;
    int sl = (int) (highest & 0xffff);
    long v;
    if (sl < 32768) {
      v = seq - sl > 32768 ? roc - 1 : roc;
    } else {
      v = sl - 32768 > seq ? roc + 1 : roc;
    }
    return v << 16 | seq;
  }

  /** 0 when the packet may go on to the crypto, else the (counted) drop status. */
  private int admitRtp(int ssrc, long index) {
    if (rtpBound && ssrc != rtpSsrc) {
      return drop(SrtpDrop.OTHER_SSRC);
    }
    if (index < 0) {
      return drop(SrtpDrop.TOO_OLD);
    }
    if (index >= INDEX_LIMIT) {
      return drop(SrtpDrop.KEYS_EXHAUSTED);
    }
    return switch (rtpWindow.check(index)) {
      case NEW -> 0;
      case DUPLICATE -> drop(SrtpDrop.REPLAYED);
      case TOO_OLD -> drop(SrtpDrop.TOO_OLD);
    };
  }

  private void acceptRtp(int ssrc, long index) {
    rtpWindow.record(index);
    rtpSsrc = ssrc;
    rtpBound = true;
    rtpPackets++;
  }

  private void acceptRtcp(int ssrc) {
    rtcpSsrc = ssrc;
    rtcpBound = true;
    rtcpPackets++;
  }

  private int drop(SrtpDrop reason) {
    drops[reason.ordinal()]++;
    return reason.status();
  }
}

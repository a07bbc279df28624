package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;

/**
 * What the relay received of one leg's RTP, from its own counters: packets expected and lost from
 * the sequence numbers (RFC 3550 Appendix A.1: extended highest sequence number with cycle count,
 * probation of a new source, restart after a large jump), and the interarrival jitter (RFC 3550
 * section 6.4.1 and Appendix A.8) in RTP timestamp units, converted to time with the payload
 * type's clock rate. One source at a time: when the SSRC changes, the counts of the old one are
 * kept in the totals and the new one starts over. Plain fields: only the shard's event loop
 * touches it, once per accepted RTP packet.
 */
final class RtpReception {
  private static final int MAX_DROPOUT = 3000;
  private static final int MAX_MISORDER = 100;
  private static final int MIN_SEQUENTIAL = 2;
  private static final int SEQ_MOD = 1 << 16;

  private boolean any;
  private int ssrc;
  private int maxSeq;
  private long cycles;
  private int baseSeq;
  private int badSeq = SEQ_MOD + 1;
  private int probation;
  private long received;
  /** Expected and received of earlier sources (SSRC changes), folded in. */
  private long expectedBefore;
  private long receivedBefore;
  private long transit;
  private double jitter;
  private int clockRate = 8000;
  private long ssrcChanges;

  /** One accepted RTP packet (a classified, plain RTP packet) arriving at {@code nanos}. */
  void packet(ByteBuf rtp, long nanos) {
    int at = rtp.readerIndex();
    int seq = rtp.getUnsignedShort(at + 2);
    long timestamp = rtp.getUnsignedInt(at + 4);
    int source = rtp.getInt(at + 8);
    int pt = rtp.getUnsignedByte(at + 1) & 0x7f;
    if (!any || source != ssrc) {
      if (any) {
        expectedBefore += expected();
        receivedBefore += received;
        ssrcChanges++;
      }
      any = true;
      ssrc = source;
      clockRate = clockRate(pt);
      initSeq(seq);
      maxSeq = seq - 1;
      probation = MIN_SEQUENTIAL;
      transit = Long.MIN_VALUE;
      jitter = 0;
    }
    if (!updateSeq(seq)) {
      return;
    }
    // RFC 3550 A.8: arrival in timestamp units; only the differences matter
    long arrival = nanos / 1000 * clockRate / 1_000_000;
    long t = arrival - timestamp;
    if (transit != Long.MIN_VALUE) {
      long d = Math.abs(t - transit);
      jitter += (d - jitter) / 16.0;
    }
    transit = t;
  }

  private void initSeq(int seq) {
    baseSeq = seq;
    maxSeq = seq;
    badSeq = SEQ_MOD + 1;
    cycles = 0;
    received = 0;
  }

  /** RFC 3550 Appendix A.1 {@code update_seq}: false for a packet not counted (probation, jump). */
  private boolean updateSeq(int seq) {
    int delta = (seq - maxSeq) & 0xffff;
    if (probation > 0) {
      if (seq == ((maxSeq + 1) & 0xffff)) {
        probation--;
        maxSeq = seq;
        if (probation == 0) {
          initSeq(seq);
          received++;
          return true;
        }
      } else {
        probation = MIN_SEQUENTIAL - 1;
        maxSeq = seq;
      }
      return false;
    } else if (delta < MAX_DROPOUT) {
      if (seq < maxSeq) {
        cycles += SEQ_MOD;
      }
      maxSeq = seq;
    } else if (delta <= SEQ_MOD - MAX_MISORDER) {
      if (seq == badSeq) {
        initSeq(seq); // two sequential packets after a jump: the source restarted
      } else {
        badSeq = (seq + 1) & 0xffff;
        return false;
      }
    }
    // else a duplicate or reordered packet
    received++;
    return true;
  }

  /** Expected of the current source: none before it passed probation (RFC 3550 A.1). */
  private long expected() {
    return !any || received == 0 && probation > 0 ? 0 : cycles + maxSeq - baseSeq + 1;
  }

  long packets() {
    return receivedBefore + received;
  }

  long expectedPackets() {
    return expectedBefore + expected();
  }

  /** Cumulative packets lost (may be negative with duplicates, as in RFC 3550). */
  long lost() {
    return expectedPackets() - packets();
  }

  /** The interarrival jitter of the current source in microseconds, 0 before two packets. */
  long jitterMicros() {
    return Math.round(jitter * 1_000_000 / clockRate);
  }

  /** The clock rate of the current source's payload type (8000 before any packet). */
  int clockRate() {
    return clockRate;
  }

  long ssrcChanges() {
    return ssrcChanges;
  }

  /**
   * The RTP clock rate of a payload type: the static ones of RFC 3551 table 4 (G.722 is 8000 by
   * its RFC 3551 exception); dynamic types are taken as 8000 Hz, the telephony default (the relay
   * is not told the rtpmap), so the jitter of a 48 kHz Opus stream reads 6 times too high.
   */
  static int clockRate(int payloadType) {
    return switch (payloadType) {
      case 6 -> 16000;
      case 10, 11 -> 44100;
      case 16 -> 11025;
      case 17 -> 22050;
      case 14, 25, 26, 28, 31, 32, 33, 34 -> 90000;
      default -> 8000;
    };
  }
}

package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.opensbc.media.ice.IceLiteResponder;
import java.net.InetSocketAddress;

/**
 * Where a datagram on a leg's socket goes, by {@link Demux} (RFC 7983): RTP and RTCP to the
 * session's forwarding, STUN to the leg's ICE-lite responder, DTLS to the leg's handshake. STUN
 * on a leg without ICE, DTLS on a leg without DTLS (or on an RTCP port: the association runs on the
 * RTP port) and anything else are dropped and counted as malformed. Consumes the packet on every
 * path and never throws: hostile input is a drop.
 */
final class MediaDemux {
  /** Larger STUN messages are not parsed (a check is about 100 bytes). */
  private static final int MAX_STUN_BYTES = 1500;

  private MediaDemux() {}

  static void receive(RelayLeg leg, RelaySocket socket, boolean onRtcpSocket, DatagramPacket packet) {
    ByteBuf content = packet.content();
    switch (Demux.of(content)) {
      case RTP -> leg.session().relay(leg, onRtcpSocket, packet);
      case STUN -> {
        try {
          stun(leg, socket, onRtcpSocket, packet);
        } finally {
          packet.release();
        }
      }
      case DTLS -> {
        try {
          dtls(leg, onRtcpSocket, packet);
        } finally {
          packet.release();
        }
      }
      default -> {
        leg.dropMalformed++;
        packet.release();
      }
    }
  }

  /** RFC 8445 §7.3 as a lite agent: answer the check from where it came; a nomination latches. */
  private static void stun(RelayLeg leg, RelaySocket socket, boolean onRtcpSocket, DatagramPacket packet) {
    IceLiteResponder responder = leg.ice;
    ByteBuf content = packet.content();
    if (responder == null || content.readableBytes() > MAX_STUN_BYTES) {
      leg.dropMalformed++;
      return;
    }
    byte[] bytes = new byte[content.readableBytes()];
    content.getBytes(content.readerIndex(), bytes);
    InetSocketAddress source = packet.sender();
    IceLiteResponder.Verdict verdict = responder.respond(bytes, 0, bytes.length, source);
    if (verdict instanceof IceLiteResponder.Verdict.Success s) {
      reply(leg, socket, s.response(), source);
      if (s.useCandidate()) {
        (onRtcpSocket ? leg.rtcpLatch : leg.rtpLatch).nominate(source, leg.session().now());
      }
    } else if (verdict instanceof IceLiteResponder.Verdict.ErrorResponse e) {
      reply(leg, socket, e.response(), source);
    } else {
      leg.dropMalformed++;
    }
  }

  private static void dtls(RelayLeg leg, boolean onRtcpSocket, DatagramPacket packet) {
    LegDtls dtls = leg.dtls;
    if (dtls == null || onRtcpSocket) {
      leg.dropMalformed++;
      return;
    }
    // a DTLS record may latch the peer like RTP does (the handshake authenticates it afterwards)
    Latch.Verdict v = leg.rtpLatch.offer(packet.sender(), 0, true, leg.session().now());
    if (v == Latch.Verdict.DROP) {
      leg.dropForeign++;
      return;
    }
    dtls.receive(packet.sender(), packet.content());
  }

  private static void reply(RelayLeg leg, RelaySocket socket, byte[] response, InetSocketAddress to) {
    NioDatagramChannel ch = socket.channel();
    if (ch == null || !ch.isWritable()) {
      leg.dropCongested++;
      return;
    }
    ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(response), to), ch.voidPromise());
  }
}

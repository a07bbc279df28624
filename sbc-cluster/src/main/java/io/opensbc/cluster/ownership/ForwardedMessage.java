package io.opensbc.cluster.ownership;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SizeLimits;
import io.opensbc.sip.message.codec.SipWriter;
import io.opensbc.sip.transport.Source;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * A SIP message one node received for a call another node owns, as it crosses the clustered
 * event bus: {@code [transport][listener][peer host][peer port][message bytes]}. The owner handles
 * it as if it had received it on its own listener of that name (or of that transport), and
 * answers the peer from there.
 */
record ForwardedMessage(SipMessage message, Source source) {

  Buffer encode() {
    Buffer b = Buffer.buffer(512);
    b.appendByte((byte) source.transport().ordinal());
    str(b, source.listener());
    str(b, source.host());
    b.appendInt(source.port());
    b.appendBuffer(SipWriter.encode(message));
    return b;
  }

  /** The forwarded message, or null when its bytes do not parse (dropped, as a malformed packet is). */
  static ForwardedMessage decode(Buffer b, SizeLimits limits) {
    int[] pos = {0};
    Transport t = Transport.values()[b.getByte(pos[0]++)];
    String listener = str(b, pos);
    String host = str(b, pos);
    int port = b.getInt(pos[0]);
    pos[0] += 4;
    Decoded d = SipParser.parse(b.slice(pos[0], b.length()), limits);
    return d instanceof Decoded.Message m ? new ForwardedMessage(m.message(), new Source(listener, t, host, port, 0))
        : null;
  }

  private static void str(Buffer b, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    b.appendShort((short) bytes.length);
    b.appendBytes(bytes);
  }

  private static String str(Buffer b, int[] pos) {
    int n = b.getShort(pos[0]);
    String s = b.getString(pos[0] + 2, pos[0] + 2 + n, "UTF-8");
    pos[0] += 2 + n;
    return s;
  }
}

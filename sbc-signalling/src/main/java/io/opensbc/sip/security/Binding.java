package io.opensbc.sip.security;

import io.opensbc.config.model.Transport;

/**
 * One contact of an address-of-record (RFC 3261 §10): the Contact URI the phone registered, when
 * it expires, the Call-ID and CSeq of the REGISTER that last set it, and the flow it came over
 * (RFC 5626 §5.2: listener, transport, source address and connection): calls to the user are sent
 * back over that flow, which is what crosses the phone's NAT.
 *
 * @param node the node that received the REGISTER (owns the TCP connection)
 */
public record Binding(String contact, long expiresAtMillis, String callId, long cseq, String listener,
    Transport transport, String host, int port, long connectionId, String node, String instance) {

  public long secondsLeft(long nowMillis) {
    return Math.max(0, (expiresAtMillis - nowMillis + 999) / 1000);
  }

  /** One line of the stored form; fields separated by tabs (none of them may hold a tab). */
  String encode() {
    return String.join("\t", contact, Long.toString(expiresAtMillis), callId, Long.toString(cseq), listener,
        transport.name(), host, Integer.toString(port), Long.toString(connectionId), node,
        instance == null ? "" : instance);
  }

  static Binding decode(String line) {
    String[] f = line.split("\t", -1);
    if (f.length != 11) {
      throw new IllegalArgumentException("a binding has 11 fields, got " + f.length);
    }
    return new Binding(f[0], Long.parseLong(f[1]), f[2], Long.parseLong(f[3]), f[4], Transport.valueOf(f[5]), f[6],
        Integer.parseInt(f[7]), Long.parseLong(f[8]), f[9], f[10].isEmpty() ? null : f[10]);
  }
}

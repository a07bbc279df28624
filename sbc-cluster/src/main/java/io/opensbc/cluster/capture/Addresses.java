package io.opensbc.cluster.capture;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Address literals as bytes for synthesized headers; never a DNS lookup. */
final class Addresses {
  private static final byte[] ANY4 = new byte[4];

  private Addresses() {}

  /** 4 bytes for an IPv4 literal, 16 for an IPv6 literal, 0.0.0.0 for anything else (a name). */
  static byte[] of(String host) {
    if (host == null || host.isEmpty()) {
      return ANY4;
    }
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.indexOf(':') >= 0) {
      try {
        return InetAddress.getByName(h).getAddress(); // a literal: no lookup
      } catch (UnknownHostException e) {
        return new byte[16];
      }
    }
    byte[] out = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i < h.length(); i++) {
      char c = h.charAt(i);
      if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
      } else if (c == '.' && digits > 0 && part < 3 && value <= 255) {
        out[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else {
        return ANY4;
      }
    }
    if (part != 3 || digits == 0 || value > 255) {
      return ANY4;
    }
    out[3] = (byte) value;
    return out;
  }
}

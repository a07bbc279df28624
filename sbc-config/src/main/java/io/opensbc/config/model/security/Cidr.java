package io.opensbc.config.model.security;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 address range ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or one address).
 * {@link #contains(String)} takes a numeric address as the transports report it; an IPv4-mapped
 * IPv6 address is compared as IPv4.
 */
public record Cidr(byte[] network, int prefix, String text) {

  /** The range written as {@code text}, or null when it is not an address or range. */
  public static Cidr parse(String text) {
    if (text == null) {
      return null;
    }
    String t = text.trim();
    int slash = t.indexOf('/');
    String addr = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = IpLiteral.bytes(addr);
    if (bytes == null) {
      return null;
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
        return null;
      }
      prefix = Integer.parseInt(p);
      if (prefix > max) {
        return null;
      }
    }
    byte[] net = bytes.clone();
    for (int i = 0; i < net.length; i++) {
      int keep = Math.max(0, Math.min(8, prefix - i * 8));
      net[i] &= (byte) (0xff << (8 - keep));
    }
    return new Cidr(net, prefix, t);
  }

  /** True when {@code address} (a numeric IPv4 or IPv6 address) is in this range. */
  public boolean contains(String address) {
    byte[] a = IpLiteral.bytes(address);
    return a != null && contains(a);
  }

  public boolean contains(byte[] a) {
    if (a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = 0xff << (8 - rest) & 0xff;
    return (a[full] & mask) == (network[full] & 0xff);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}

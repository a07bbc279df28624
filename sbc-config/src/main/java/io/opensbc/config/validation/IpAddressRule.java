package io.opensbc.config.validation;

/**
 * An IP address literal (IPv4 dotted quad, or IPv6 unbracketed, as in SDP {@code c=}) that peers
 * can send to: not a host name, not the unspecified address. Never resolves a name.
 */
public final class IpAddressRule {
  public static final String ALLOWED =
      "an IPv4 or IPv6 address, not 0.0.0.0 or ::; leave it out for the listener's host";

  private IpAddressRule() {}

  /** The violation message for {@code address}, or null if allowed. */
  public static String check(String address) {
    String why = null;
    if (!isIpv4(address) && !isIpv6(address)) {
      why = "is not an IP address";
    } else if (address.chars().allMatch(c -> c == '0' || c == '.' || c == ':')) {
      why = "is the unspecified address; peers cannot send media to it";
    }
    return why == null ? null : "'" + address + "' " + why + " (allowed: " + ALLOWED + ")";
  }

  static boolean isIpv4(String s) {
    String[] parts = s.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String p : parts) {
      if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  static boolean isIpv6(String s) {
    int gap = s.indexOf("::");
    if (gap < 0) {
      return groups(s, true) == 8;
    }
    if (s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    int head = groups(s.substring(0, gap), false);
    int tail = groups(s.substring(gap + 2), true);
    return head >= 0 && tail >= 0 && head + tail <= 7;
  }

  /**
   * The 16-bit groups in {@code s} (groups of 1-4 hex digits joined by ':'; a last IPv4 part counts
   * as two where {@code ipv4Last}); 0 for an empty text, -1 when malformed.
   */
  private static int groups(String s, boolean ipv4Last) {
    if (s.isEmpty()) {
      return 0;
    }
    String[] parts = s.split(":", -1);
    int n = 0;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (ipv4Last && i == parts.length - 1 && p.contains(".")) {
        if (!isIpv4(p)) {
          return -1;
        }
        n += 2;
      } else if (p.isEmpty()
          || p.length() > 4
          || !p.chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128)) {
        return -1;
      } else {
        n++;
      }
    }
    return n;
  }
}

package io.opensbc.config.validation;

/** A host name or IP address, catching the usual slips: a port, a SIP URI, spaces. */
public final class HostRule {
  public static final String ALLOWED = "a host name or IP address, without port or scheme";

  private HostRule() {}

  /** The violation message for {@code host}, or null if allowed. */
  public static String check(String host) {
    String why = null;
    if (host.chars().anyMatch(Character::isWhitespace)) {
      why = "contains a space";
    } else if (host.regionMatches(true, 0, "sip:", 0, 4)
        || host.regionMatches(true, 0, "sips:", 0, 5)) {
      why = "is a SIP URI";
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      why = "includes a port; give the port in 'port'";
    } else if (host.contains("/")) {
      why = "contains '/'";
    }
    return why == null ? null : "'" + host + "' " + why + " (allowed: " + ALLOWED + ")";
  }
}

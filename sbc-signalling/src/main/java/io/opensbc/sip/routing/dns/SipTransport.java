package io.opensbc.sip.routing.dns;

import java.util.Locale;

/**
 * The transports server location may pick (RFC 3263 §4.1), with the NAPTR service, the SRV
 * prefix (RFC 3263 §4.2) and the default port (RFC 3261 §19.1.2) of each.
 */
public enum SipTransport {
  UDP("SIP+D2U", "_sip._udp", 5060),
  TCP("SIP+D2T", "_sip._tcp", 5060),
  /** TLS over TCP: the only transport for a SIPS URI. */
  TLS("SIPS+D2T", "_sips._tcp", 5061);

  private final String naptrService;
  private final String srvPrefix;
  private final int defaultPort;

  SipTransport(String naptrService, String srvPrefix, int defaultPort) {
    this.naptrService = naptrService;
    this.srvPrefix = srvPrefix;
    this.defaultPort = defaultPort;
  }

  /** The NAPTR SERVICES value that offers this transport (RFC 3263 §4.1). */
  public String naptrService() {
    return naptrService;
  }

  /** The SRV name for a domain: e.g. {@code _sip._udp.example.com} (RFC 3263 §4.2). */
  public String srvName(String domain) {
    return srvPrefix + "." + domain;
  }

  public int defaultPort() {
    return defaultPort;
  }

  /** The transport a NAPTR SERVICES field names, or null when we do not support it. */
  public static SipTransport ofNaptrService(String service) {
    for (SipTransport t : values()) {
      if (t.naptrService.equalsIgnoreCase(service)) {
        return t;
      }
    }
    return null;
  }

  /** The transport of a URI's {@code transport} parameter (RFC 3261 §19.1.1), or null. */
  public static SipTransport ofParam(String param) {
    return switch (param.toLowerCase(Locale.ROOT)) {
      case "udp" -> UDP;
      case "tcp" -> TCP;
      case "tls" -> TLS;
      default -> null;
    };
  }
}

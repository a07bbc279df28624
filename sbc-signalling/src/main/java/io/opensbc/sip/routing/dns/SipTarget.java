package io.opensbc.sip.routing.dns;

import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.SipUri;
import java.net.InetAddress;

/**
 * What server location starts from (RFC 3263 §4): the TARGET host (the URI's {@code maddr}, else
 * its host), the port if the URI has one, the transport if the URI names one, and whether it is a
 * SIPS URI.
 *
 * @param host a domain name or an IP literal (an IPv6 one with or without brackets)
 * @param port the explicit port, or -1
 * @param transport the explicit transport, or null; always TLS when {@code secure} and explicit
 */
public record SipTarget(String host, int port, SipTransport transport, boolean secure) {

  public SipTarget {
    if (host == null || host.isEmpty()) {
      throw new IllegalArgumentException("no host");
    }
    if (port < -1 || port > 65535 || port == 0) {
      throw new IllegalArgumentException("port must be 1-65535 or -1: " + port);
    }
    if (secure && transport != null && transport != SipTransport.TLS) {
      throw new IllegalArgumentException("a SIPS URI is reached over TLS only");
    }
  }

  /** A sip: target with neither port nor transport. */
  public static SipTarget of(String host) {
    return new SipTarget(host, -1, null, false);
  }

  /**
   * The target of a sip: or sips: URI: {@code maddr} wins over the host (RFC 3263 §4), and a SIPS
   * URI with {@code transport=tcp} means TLS. A tel: URI, an unsupported transport (sctp, ws, ...)
   * or a SIPS URI over UDP is malformed.
   */
  public static Parsed<SipTarget> of(SipUri uri) {
    if (uri.isTel() || uri.host() == null) {
      return Parsed.malformed("a " + uri.scheme() + " URI has no host to locate");
    }
    String maddr = uri.params().get("maddr");
    String host = maddr != null && !maddr.isEmpty() ? maddr : uri.host();
    String param = uri.params().get("transport");
    SipTransport transport = null;
    if (param != null) {
      transport = SipTransport.ofParam(param);
      if (transport == null) {
        return Parsed.malformed("transport '" + param + "' is not supported");
      }
      if (uri.isSips() && transport == SipTransport.UDP) {
        return Parsed.malformed("a SIPS URI cannot use transport=udp");
      }
      if (uri.isSips()) {
        transport = SipTransport.TLS;
      }
    }
    int port = uri.port() > 0 ? uri.port() : -1;
    return Parsed.ok(new SipTarget(host, port, transport, uri.isSips()));
  }

  /** The host as an address when it is an IP literal, else null. Never looks anything up. */
  public InetAddress numericHost() {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    return DnsSettings.literal(h);
  }

  /**
   * The transport when nothing in DNS says otherwise (RFC 3263 §4.1): the explicit one, else TLS
   * for SIPS and UDP for SIP.
   */
  public SipTransport defaultTransport() {
    return transport != null ? transport : secure ? SipTransport.TLS : SipTransport.UDP;
  }
}

package io.opensbc.config.model;

import java.time.Duration;
import java.util.List;

/**
 * The name servers the SBC asks when a trunk target is a domain name (RFC 3263 location:
 * NAPTR, SRV, A/AAAA), under {@code sip.dns}.
 *
 * @param servers recursive servers as {@code ip} or {@code ip:port} ({@code [v6]:port}), asked in
 *     turn; empty: the {@code nameserver} lines of {@code /etc/resolv.conf}
 * @param timeout how long one try waits for an answer
 * @param attempts rounds over the server list before a lookup fails
 */
public record SipDns(List<String> servers, Duration timeout, int attempts) {
  public static final SipDns DEFAULT = new SipDns(List.of(), Defaults.DNS_TIMEOUT, Defaults.DNS_ATTEMPTS);

  public SipDns {
    servers = List.copyOf(servers);
  }
}

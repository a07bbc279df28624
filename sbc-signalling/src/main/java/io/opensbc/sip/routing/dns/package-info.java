/**
 * Locating the servers of a trunk in DNS (RFC 3263 §4, docs/routing.md "DNS (RFC 3263)").
 *
 * <p>Owns: the DNS message codec ({@link io.opensbc.sip.routing.dns.DnsMessage}, RFC 1035 with
 * SRV per RFC 2782 and NAPTR per RFC 3403; malformed input is a {@link
 * io.opensbc.sip.routing.dns.DnsDecoded.Malformed}, never an exception), a stub resolver with a TTL
 * cache ({@link io.opensbc.sip.routing.dns.DnsResolver}, configured by {@link
 * io.opensbc.sip.routing.dns.DnsSettings}) and server location ({@link
 * io.opensbc.sip.routing.dns.ServerLocator}: {@link io.opensbc.sip.routing.dns.SipTarget} in, an
 * ordered list of {@link io.opensbc.sip.routing.dns.Target}s out, SRV order per {@link
 * io.opensbc.sip.routing.dns.SrvOrder}).
 *
 * <p>Threading: a resolver lives on the event loop of the context that created it and never
 * blocks; its cache uses an injected millisecond clock. No static mutable state.
 *
 * <p>Dependencies: {@code java.*}, Vert.x core (and Netty's {@code NetUtil} for IP literals) and
 * {@code io.opensbc.sip.message} ({@code SipUri}, {@code Parsed}). Nothing here imports the B2BUA,
 * transactions or the configuration.
 */
package io.opensbc.sip.routing.dns;

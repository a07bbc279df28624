package io.opensbc.sip.routing.dns;

/** What the decoder made of some bytes: a message, or the reason they are not one. */
public sealed interface DnsDecoded permits DnsDecoded.Message, DnsDecoded.Malformed {

  record Message(DnsMessage message) implements DnsDecoded {}

  /**
   * Bytes that are not a valid DNS message. {@code id} is the header's ID when at least two bytes
   * arrived (so the resolver can tell which query the garbage answered), else -1.
   */
  record Malformed(String reason, int id) implements DnsDecoded {}
}

package io.opensbc.sip.transport;

import io.opensbc.config.model.Transport;

/**
 * One SIP message as it crossed the wire, for SIP capture (HEP export, per-call pcap, the
 * console's ladder): when ({@code atMillis}, wall clock), which way ({@code sent} by us or
 * received), over which transport, between which local and remote address, and its bytes.
 * Received TCP messages are the framed message re-encoded (the framer does not keep the raw
 * slice); UDP messages and everything sent are the exact bytes.
 */
public record WireMessage(long atMillis, boolean sent, Transport transport, String localHost, int localPort,
    String remoteHost, int remotePort, byte[] bytes) {}

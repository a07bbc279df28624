package io.opensbc.config.model;

/**
 * A SIP peer (carrier, PBX) calls are sent to or received from.
 *
 * @param port default 5060
 * @param transport default UDP
 * @param listener the listener whose socket sends to this trunk; nullable, meaning the first
 *     listener with the same transport (the loader fills it in; see {@link
 *     SbcConfig#listenerFor(TrunkConfig)})
 */
public record TrunkConfig(
    String name, String host, int port, Transport transport, String listener) {}

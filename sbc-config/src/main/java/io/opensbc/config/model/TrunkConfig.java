package io.opensbc.config.model;

/**
 * A SIP peer calls are sent to (and recognised from, by source address). {@code listener} names
 * the listener whose socket sends to it; null = the first listener with the same transport.
 */
public record TrunkConfig(String name, String host, int port, Transport transport, String listener) {}

package io.opensbc.config.model;

/** A SIP socket this node listens on. All fields are required. */
public record ListenerConfig(String name, Transport transport, String host, int port) {}

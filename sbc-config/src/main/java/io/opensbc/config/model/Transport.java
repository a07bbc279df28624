package io.opensbc.config.model;

/** SIP transports a listener or trunk can use (TLS arrives with the Teams issue). */
public enum Transport { UDP, TCP }

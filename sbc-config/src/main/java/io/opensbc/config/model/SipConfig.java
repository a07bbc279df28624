package io.opensbc.config.model;

/** {@code sip:} protocol timers and resource limits. */
public record SipConfig(SipTimers timers, SipLimits limits) {}

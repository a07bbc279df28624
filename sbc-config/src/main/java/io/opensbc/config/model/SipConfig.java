package io.opensbc.config.model;

/** SIP stack settings. */
public record SipConfig(SipTimers timers, SipLimits limits) {
  public static final SipConfig DEFAULT = new SipConfig(SipTimers.DEFAULT, SipLimits.DEFAULT);
}

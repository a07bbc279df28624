package io.opensbc.config.model;

/** SIP stack settings. */
public record SipConfig(SipTimers timers, SipLimits limits, SipDns dns) {
  public static final SipConfig DEFAULT = new SipConfig(SipTimers.DEFAULT, SipLimits.DEFAULT, SipDns.DEFAULT);

  public SipConfig {
    dns = dns == null ? SipDns.DEFAULT : dns;
  }
}

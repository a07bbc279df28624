package io.opensbc.config.model.admission;

import io.opensbc.config.model.Defaults;
import java.time.Duration;
import java.util.List;

/**
 * Admission and flood control of a node (docs/flood-control.md).
 *
 * @param unknownSources per-source rate limit for sources that are not trunks
 * @param retryDamping retry-storm damping
 * @param scannerUserAgents requests whose User-Agent contains one of these (case-insensitively)
 *     are dropped without an answer
 * @param maxEventLoopLag new INVITEs get 503 + Retry-After while a shard's event loop lags more
 *     than this (default 100 ms); calls in progress go on
 * @param finalResponseCache how long the final response to an INVITE is kept to answer a re-sent
 *     INVITE (same Call-ID, From tag and CSeq) with it again (default 32 s = 64*T1)
 */
public record AdmissionConfig(SourceRate unknownSources, RetryDamping retryDamping, List<String> scannerUserAgents,
    Duration maxEventLoopLag, Duration finalResponseCache) {
  public static final List<String> DEFAULT_SCANNERS = List.of("friendly-scanner", "sipvicious", "sipcli",
      "sip-scan", "sipsak", "sundayddr", "iwar", "vaxsipuseragent", "pplsip", "smap", "nessus", "siparmyknife");
  public static final AdmissionConfig DEFAULT = new AdmissionConfig(SourceRate.DEFAULT, RetryDamping.DEFAULT,
      DEFAULT_SCANNERS, Defaults.MAX_EVENT_LOOP_LAG, Defaults.FINAL_RESPONSE_CACHE);

  public AdmissionConfig {
    unknownSources = unknownSources == null ? SourceRate.DEFAULT : unknownSources;
    retryDamping = retryDamping == null ? RetryDamping.DEFAULT : retryDamping;
    scannerUserAgents = scannerUserAgents == null ? DEFAULT_SCANNERS : List.copyOf(scannerUserAgents);
  }
}

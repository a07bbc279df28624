package io.opensbc.sip.admission;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipRequest;
import java.util.List;
import java.util.Locale;

/**
 * Recognises SIP scanners ({@code admission.scanner-user-agents}): a request whose User-Agent, or
 * when it has none the From display name, contains one of the configured strings, ignoring case
 * (SIPVicious sends {@code User-Agent: friendly-scanner}). Such requests are dropped without an
 * answer, so the scanner learns nothing. Immutable and thread-safe.
 */
public final class ScannerFilter {
  private final String[] needles;

  /** @param userAgents the strings to look for; blank ones are ignored (they would match all) */
  public ScannerFilter(List<String> userAgents) {
    this.needles = userAgents.stream()
        .filter(s -> s != null && !s.isBlank())
        .map(s -> s.toLowerCase(Locale.ROOT))
        .distinct()
        .toArray(String[]::new);
  }

  /** True when the request comes from a scanner and should be dropped. */
  public boolean isScanner(SipRequest request) {
    if (needles.length == 0) {
      return false;
    }
    String agent = request.header(HeaderNames.USER_AGENT);
    if (agent == null) {
      NameAddr from = request.from();
      agent = from == null ? null : from.displayName();
    }
    if (agent == null) {
      return false;
    }
    String text = agent.toLowerCase(Locale.ROOT);
    for (String n : needles) {
      if (text.contains(n)) {
        return true;
      }
    }
    return false;
  }
}

package io.opensbc.sip.admission;

import static io.opensbc.sip.admission.Invites.call;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScannerFilterTest {
  static final ScannerFilter DEFAULTS = new ScannerFilter(AdmissionConfig.DEFAULT_SCANNERS);

  static SipRequest withAgent(String agent) {
    SipRequest r = call("100", "200", "scan-1");
    return r.withHeaders(r.headers().add(HeaderNames.USER_AGENT, agent));
  }

  static SipRequest withFrom(String from) {
    SipRequest r = call("100", "200", "scan-1");
    return r.withHeaders(r.headers().set(HeaderNames.FROM, from));
  }

  @Test
  void sipviciousIsAScanner() {
    assertTrue(DEFAULTS.isScanner(withAgent("friendly-scanner")));
    assertTrue(DEFAULTS.isScanner(withAgent("Friendly-Scanner/0.2")));
    assertTrue(DEFAULTS.isScanner(withAgent("sipcli/v1.8")));
    assertTrue(DEFAULTS.isScanner(withAgent("SIPVicious PRO")));
  }

  @Test
  void ordinaryAgentsAreNot() {
    assertFalse(DEFAULTS.isScanner(withAgent("Asterisk PBX 20.5.0")));
    assertFalse(DEFAULTS.isScanner(withAgent("Microsoft.PSTNHub.SIPProxy v.2024.3.1.2 i.EUWE.3")));
    assertFalse(DEFAULTS.isScanner(call("100", "200", "no-agent")));
  }

  @Test
  void fromDisplayNameWhenThereIsNoUserAgent() {
    assertTrue(DEFAULTS.isScanner(withFrom("\"sipvicious\" <sip:100@192.0.2.1>;tag=1")));
    assertTrue(DEFAULTS.isScanner(withFrom("SIPVicious <sip:100@192.0.2.1>;tag=1")));
    assertFalse(DEFAULTS.isScanner(withFrom("\"Fred Bloggs\" <sip:100@192.0.2.1>;tag=1")));
    assertFalse(DEFAULTS.isScanner(withFrom("not an address")));
  }

  @Test
  void theUserAgentWinsOverTheDisplayName() {
    SipRequest r = withFrom("\"friendly-scanner\" <sip:100@192.0.2.1>;tag=1");
    assertFalse(DEFAULTS.isScanner(r.withHeaders(r.headers().add(HeaderNames.USER_AGENT, "Asterisk"))));
  }

  @Test
  void blankAndNullNeedlesAreIgnored() {
    ScannerFilter f = new ScannerFilter(Arrays.asList("", "  ", null, "EvilScan"));
    assertFalse(f.isScanner(withAgent("Asterisk")));
    assertTrue(f.isScanner(withAgent("my evilscan 1.0")));
    assertFalse(new ScannerFilter(List.of()).isScanner(withAgent("friendly-scanner")));
  }
}

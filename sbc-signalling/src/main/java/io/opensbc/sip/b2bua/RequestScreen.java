package io.opensbc.sip.b2bua;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks a UAS makes before acting on a request (RFC 3261 §8.2.1-§8.2.2), in the RFC's
 * order: method (501), Request-URI scheme (416), required extensions (420). Also the SBC's own
 * answers: OPTIONS, and 405/501 for methods it does not serve outside a dialog.
 */
final class RequestScreen {
  static final String ALLOW =
      "INVITE, ACK, BYE, CANCEL, OPTIONS, PRACK, UPDATE, INFO, REFER, NOTIFY, SUBSCRIBE, MESSAGE";
  static final String ALLOW_WITHOUT_REFER = ALLOW.replace(" REFER,", "");
  private static final Set<String> KNOWN = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS",
      "PRACK", "UPDATE", "INFO", "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE", "REGISTER", "PUBLISH");
  /** Extensions the B2BUA can honour end to end (passed to the other leg). */
  static final Set<String> SUPPORTED = Set.of("100rel", "timer", "replaces", "norefersub", "path");

  /** The refusal for a request, or null when it may proceed. */
  SipResponse check(SipRequest req) {
    if (!KNOWN.contains(req.method())) {
      return withAllow(Responses.create(req, 501, "Not Implemented"));
    }
    String scheme = scheme(req.uri());
    if (!scheme.equals("sip") && !scheme.equals("sips") && !scheme.equals("tel")) {
      return Responses.create(req, 416, "Unsupported URI Scheme");
    }
    if (!req.isCancel() && !req.isAck()) {
      List<String> unsupported = new ArrayList<>(1);
      for (String opt : req.headers().values(HeaderNames.REQUIRE)) {
        if (!SUPPORTED.contains(opt.toLowerCase(Locale.ROOT))) {
          unsupported.add(opt);
        }
      }
      if (!unsupported.isEmpty()) {
        SipResponse r = Responses.create(req, 420, "Bad Extension");
        return r.withHeaders(r.headers().add(HeaderNames.UNSUPPORTED, String.join(", ", unsupported)));
      }
    }
    return null;
  }

  SipResponse optionsAnswer(SipRequest req) {
    return optionsAnswer(req, true);
  }

  /**
   * 200 to an out-of-dialog OPTIONS, with our Allow list; REFER only when {@code refer} (the peer's
   * calls go where REFER can be relayed: docs/routing.md, "OPTIONS and capabilities").
   */
  SipResponse optionsAnswer(SipRequest req, boolean refer) {
    SipResponse base = Responses.create(req, 200, "OK", Ids.tag());
    SipResponse r = base.withHeaders(base.headers().add(HeaderNames.ALLOW, refer ? ALLOW : ALLOW_WITHOUT_REFER));
    return r.withHeaders(r.headers()
        .add("Accept", "application/sdp")
        .add(HeaderNames.SUPPORTED, String.join(", ", SUPPORTED)));
  }

  /** 405 for a known method the SBC does not serve outside a dialog. */
  SipResponse notAllowed(SipRequest req) {
    return withAllow(Responses.create(req, 405, "Method Not Allowed"));
  }

  private static SipResponse withAllow(SipResponse r) {
    return r.withHeaders(r.headers().add(HeaderNames.ALLOW, ALLOW));
  }

  private static String scheme(String uri) {
    int c = uri.indexOf(':');
    return c <= 0 ? "" : uri.substring(0, c).toLowerCase(Locale.ROOT);
  }
}

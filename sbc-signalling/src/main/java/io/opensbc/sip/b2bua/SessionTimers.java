package io.opensbc.sip.b2bua;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.signalling.SessionTimer;
import io.opensbc.sip.dialog.CallEvent;
import java.util.List;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.Timers;
import java.util.Locale;

/**
 * Session timers (RFC 4028) of one call, per leg: each leg has its own interval and refresher,
 * negotiated with that leg's peer from its trunk's {@code session-timer}. When neither trunk uses
 * session timers the headers cross untouched (the peers negotiate end to end, as before); when
 * either does, Session-Expires, Min-SE and Require: timer are per leg and never cross.
 *
 * <p>Roles: on leg A the SBC is the UAS of the dialog, on leg B its UAC. The refresher of a leg
 * sends a refresh (the SBC: UPDATE without an offer, RFC 4028 §9) at half the interval; when the
 * peer is the refresher and no refresh arrives by {@code interval - min(32 s, interval/3)} (§10),
 * the call ends with a BYE on both legs. Pure state and header rules: the B2BUA runs the timers.
 */
final class SessionTimers {
  static final String SESSION_EXPIRES = "Session-Expires";
  static final String MIN_SE = "Min-SE";
  static final String TIMER = "timer";
  /** RFC 3326 Reason of the BYEs when a leg's refresh is missed. */
  static final String EXPIRED_REASON = "SIP;cause=408;text=\"Session timer expired\"";

  /** One leg's timer. */
  static final class Leg {
    /** The trunk's settings when it uses session timers, else null. */
    SessionTimer config;
    /** The negotiated interval in seconds; 0: no timer on the leg. */
    long seconds;
    boolean sbcRefreshes;
    boolean peerSupportsTimer;
    boolean updateAllowed;
    long timerId = -1;
    /** Bumped on every (re)arm: a stale timer firing is ignored. */
    int generation;

    /** When the timer of this leg fires: half the interval (we refresh) or before expiry (we watch). */
    long delayMillis() {
      if (sbcRefreshes) {
        return seconds * 500;
      }
      return seconds * 1000 - Math.min(32_000, seconds * 1000 / 3);
    }
  }

  private final Leg[] legs = {new Leg(), new Leg()};

  private SessionTimers() {}

  /**
   * The timers of a call taken over from another node, from the {@code SessionTimerAgreed} events
   * on its log (none: no timer) and the legs' trunks.
   */
  static SessionTimers restored(List<CallEvent> log, TrunkConfig caller, TrunkConfig callee) {
    SessionTimers t = new SessionTimers();
    t.legs[Side.A.ordinal()].config = enabled(caller);
    t.legs[Side.B.ordinal()].config = enabled(callee);
    for (CallEvent e : log) {
      if (e instanceof CallEvent.SessionTimerAgreed a) {
        Leg l = t.legs[a.side().ordinal()];
        l.seconds = a.seconds();
        l.sbcRefreshes = a.sbcRefreshes();
        l.peerSupportsTimer = a.peerSupportsTimer();
        l.updateAllowed = true; // a leg whose peer takes no UPDATE and needs our refresh has no timer
      }
    }
    return t;
  }

  /** Puts each leg's agreed timer on the call's log (at the answer). */
  void record(Call call) {
    for (Side side : Side.values()) {
      Leg l = legs[side.ordinal()];
      if (l.seconds > 0) {
        long seconds = l.seconds;
        boolean refreshes = l.sbcRefreshes;
        boolean supports = l.peerSupportsTimer;
        call.apply((s, at) -> new CallEvent.SessionTimerAgreed(s, at, side, seconds, refreshes, supports));
      }
    }
  }

  Leg leg(Side side) {
    return legs[side.ordinal()];
  }

  /** True when either leg's trunk uses session timers: the headers are then per leg. */
  boolean managed() {
    return legs[0].config != null || legs[1].config != null;
  }

  /**
   * 422 Session Interval Too Small with our Min-SE (RFC 4028 §9) when the caller's trunk uses
   * session timers and the INVITE asks for less than its {@code min-se}; else null.
   */
  static SipResponse tooSmall(SipRequest invite, TrunkConfig caller) {
    SessionTimer c = enabled(caller);
    Long se = deltaSeconds(invite.headers().first(SESSION_EXPIRES));
    if (c == null || se == null || se >= c.minSe().toSeconds()) {
      return null;
    }
    SipResponse r = Responses.create(invite, 422, "Session Interval Too Small");
    return r.withHeaders(r.headers().add(MIN_SE, Long.toString(c.minSe().toSeconds())));
  }

  /** The caller's leg from its INVITE (already checked by {@link #tooSmall}). */
  static SessionTimers of(SipRequest invite, TrunkConfig caller) {
    SessionTimers t = new SessionTimers();
    Leg a = t.legs[Side.A.ordinal()];
    a.config = enabled(caller);
    if (a.config == null) {
      return t; // nothing to read: the leg has no timer of ours
    }
    a.peerSupportsTimer = listHas(invite, HeaderNames.SUPPORTED, TIMER) || listHas(invite, HeaderNames.REQUIRE, TIMER);
    a.updateAllowed = listHas(invite, HeaderNames.ALLOW, SipRequest.UPDATE);
    String se = invite.headers().first(SESSION_EXPIRES);
    Long asked = deltaSeconds(se);
    long max = a.config.expires().toSeconds();
    Long minSe = deltaSeconds(invite.headers().first(MIN_SE));
    long floor = Math.max(minSe == null ? 0 : minSe, a.config.minSe().toSeconds());
    a.seconds = Math.max(asked != null ? Math.min(asked, max) : max, floor);
    String refresher = refresher(se);
    if ("uac".equals(refresher)) {
      a.sbcRefreshes = false;
    } else if ("uas".equals(refresher) || !a.peerSupportsTimer) {
      a.sbcRefreshes = true;
    } else {
      a.sbcRefreshes = a.config.refresher() == SessionTimer.Refresher.SBC;
    }
    if (a.sbcRefreshes && !a.updateAllowed) {
      if (a.peerSupportsTimer && refresher == null) {
        a.sbcRefreshes = false; // the peer cannot take our UPDATE: it refreshes
      } else {
        a.seconds = 0; // nobody can refresh this leg: no timer on it
      }
    }
    return t;
  }

  /** The INVITE to the callee's trunk: the caller's timer headers out, this leg's in. */
  SipRequest toCallee(SipRequest invite, TrunkConfig callee) {
    Leg b = legs[Side.B.ordinal()];
    b.config = enabled(callee);
    if (!managed()) {
      return invite;
    }
    Headers h = strip(invite.headers());
    if (b.config != null) {
      h = h.add(SESSION_EXPIRES, b.config.expires().toSeconds() + ";refresher="
          + (b.config.refresher() == SessionTimer.Refresher.SBC ? "uac" : "uas"));
      h = h.add(MIN_SE, Long.toString(b.config.minSe().toSeconds()));
      h = withTimerSupported(h);
    }
    return invite.withHeaders(h);
  }

  /** The callee's 2xx to the initial INVITE: the B leg's interval and refresher. */
  void answeredByCallee(SipResponse r) {
    Leg b = legs[Side.B.ordinal()];
    if (!managed()) {
      return; // no trunk of the call uses timers: the headers passed end to end
    }
    b.updateAllowed = listHas(r, HeaderNames.ALLOW, SipRequest.UPDATE);
    String se = r.headers().first(SESSION_EXPIRES);
    Long granted = deltaSeconds(se);
    if (granted != null) {
      b.seconds = granted;
      b.peerSupportsTimer = true;
      b.sbcRefreshes = !"uas".equals(refresher(se)); // refresher=uac is us, the UAC of leg B
    } else if (b.config != null) {
      b.seconds = b.config.expires().toSeconds(); // the callee does not do timers: we refresh alone
      b.sbcRefreshes = true;
    } else {
      b.seconds = 0;
    }
    if (b.sbcRefreshes && !b.updateAllowed) {
      b.seconds = 0; // no UPDATE towards this peer: no refresh, no timer
    }
  }

  /** A 2xx on its way to the caller: the callee's timer headers out, leg A's in. */
  SipResponse toCaller(SipResponse r) {
    return managed() ? r.withHeaders(answerHeaders(strip(r.headers()), legs[Side.A.ordinal()])) : r;
  }

  /** An in-dialog INVITE or UPDATE (a refresh) crossing to {@code to}: that leg's headers. */
  SipRequest crossing(SipRequest req, Side to) {
    if (!managed()) {
      return req;
    }
    Headers h = strip(req.headers());
    Leg l = legs[to.ordinal()];
    if (l.seconds > 0 && (req.isInvite() || req.method().equals(SipRequest.UPDATE))) {
      h = withTimerSupported(h.add(SESSION_EXPIRES, l.seconds + ";refresher=" + (l.sbcRefreshes ? "uac" : "uas")));
    }
    return req.withHeaders(h);
  }

  /** A 2xx to a peer's refresh on leg {@code side}: that leg's interval and refresher. */
  SipResponse answering(SipResponse r, Side side) {
    return managed() && r.isSuccess() ? r.withHeaders(answerHeaders(strip(r.headers()), legs[side.ordinal()])) : r;
  }

  /** Headers of a refresh the SBC sends on {@code side}. */
  Headers refreshHeaders(Headers h, Side side) {
    return withTimerSupported(h.add(SESSION_EXPIRES, legs[side.ordinal()].seconds + ";refresher=uac"));
  }

  /** A 2xx to our refresh: the interval the peer granted (it may have shortened it). */
  void refreshed(Side side, SipResponse r) {
    Long granted = deltaSeconds(r.headers().first(SESSION_EXPIRES));
    if (granted != null && granted > 0) {
      legs[side.ordinal()].seconds = granted;
    }
  }

  /**
   * No session timer on {@code side} any more: a party that joined the call by a transfer never
   * negotiated one with us (docs/transfers.md).
   */
  void stopLeg(Side side, Timers timers) {
    Leg l = leg(side);
    l.generation++;
    l.seconds = 0;
    if (l.timerId >= 0) {
      timers.cancel(l.timerId);
      l.timerId = -1;
    }
  }

  void cancel(Timers timers) {
    for (Leg l : legs) {
      l.generation++;
      if (l.timerId >= 0) {
        timers.cancel(l.timerId);
        l.timerId = -1;
      }
    }
  }

  // ------------------------------------------------------------------ header rules

  private static Headers answerHeaders(Headers h, Leg l) {
    if (l.seconds <= 0) {
      return h;
    }
    h = h.add(SESSION_EXPIRES, l.seconds + ";refresher=" + (l.sbcRefreshes ? "uas" : "uac"));
    return l.peerSupportsTimer ? h.add(HeaderNames.REQUIRE, TIMER) : h;
  }

  /** Without Session-Expires, Min-SE and the {@code timer} option tag in Require. */
  private static Headers strip(Headers h) {
    Headers out = h.remove(SESSION_EXPIRES).remove(MIN_SE);
    if (!out.contains(HeaderNames.REQUIRE)) {
      return out;
    }
    StringBuilder kept = new StringBuilder();
    for (String v : out.values(HeaderNames.REQUIRE)) {
      for (String tag : Headers.splitList(v)) {
        if (!tag.trim().equalsIgnoreCase(TIMER)) {
          kept.append(kept.length() == 0 ? "" : ", ").append(tag.trim());
        }
      }
    }
    out = out.remove(HeaderNames.REQUIRE);
    return kept.length() == 0 ? out : out.add(HeaderNames.REQUIRE, kept.toString());
  }

  private static Headers withTimerSupported(Headers h) {
    for (String v : h.values(HeaderNames.SUPPORTED)) {
      for (String tag : Headers.splitList(v)) {
        if (tag.trim().equalsIgnoreCase(TIMER)) {
          return h;
        }
      }
    }
    return h.add(HeaderNames.SUPPORTED, TIMER);
  }

  private static SessionTimer enabled(TrunkConfig t) {
    return t != null && t.signalling().sessionTimer().enabled() ? t.signalling().sessionTimer() : null;
  }

  private static boolean listHas(SipMessage m, String header, String item) {
    for (String v : m.headers().values(header)) {
      for (String tag : Headers.splitList(v)) {
        if (tag.trim().equalsIgnoreCase(item)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The delta-seconds of a Session-Expires or Min-SE value; null when absent or unreadable. */
  static Long deltaSeconds(String value) {
    if (value == null) {
      return null;
    }
    String v = value.trim();
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    if (end == 0 || end > 9) {
      return null;
    }
    return Long.parseLong(v.substring(0, end));
  }

  /** The refresher parameter ({@code uac}/{@code uas}) of a Session-Expires value, or null. */
  static String refresher(String value) {
    if (value == null) {
      return null;
    }
    for (String p : value.split(";")) {
      String t = p.trim().toLowerCase(Locale.ROOT);
      if (t.startsWith("refresher=")) {
        return t.substring("refresher=".length()).trim();
      }
    }
    return null;
  }

}

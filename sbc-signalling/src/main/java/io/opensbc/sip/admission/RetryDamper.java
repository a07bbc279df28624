package io.opensbc.sip.admission;

import io.opensbc.config.model.admission.RetryDamping;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipUri;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Retry-storm damping ({@code admission.retry-damping}, seed 001: a carrier that re-sends its
 * INVITEs after a final 403 floods the SBC). When the same caller's calls to the same callee
 * <b>failed</b> {@code max-attempts} times within {@code window} (final responses 300-699 other
 * than 487), the next new call of that pair is answered at once with {@code status} (486 by
 * default) and not routed, until the oldest of those failures leaves the window. An answered call
 * clears the pair. Calls that succeed are never counted, so steady traffic between one caller and
 * one callee (a call centre, a load test) is never damped; damped calls do not count either, so a
 * storm lets through at most {@code max-attempts} calls per window. Once a pair has failed, its
 * calls still in progress count as attempts too (a storm faster than the far end's answers cannot
 * slip through); a pair that never failed is never held back, however many calls it has running.
 *
 * <p>The caller is the From URI's {@code user@host} (or the whole From URI when it has no user or
 * does not parse), the callee the Request-URI's user, else the To URI's user, else the whole To URI.
 * Only initial INVITEs (no To tag) are checked. Re-sent INVITEs whose final response is known are
 * answered by {@link FinalResponseCache} before they get here.
 *
 * <p>At most {@code maxPairs} caller/callee pairs are tracked (a peer chooses them), the least
 * recently seen going first; a pair whose failures have all left the window is forgotten when it is
 * the least recently seen. Memory is at most about {@code maxPairs * (120 + 8 * max-attempts)} bytes
 * plus the keys (each cut to {@value #MAX_KEY_CHARS} characters). Not thread-safe: one instance per
 * shard.
 */
public final class RetryDamper {
  /** The default number of caller/callee pairs tracked. */
  public static final int DEFAULT_MAX_PAIRS = 100_000;
  /** The largest {@code max-attempts} accepted (it sizes each pair's memory). */
  public static final int MAX_ATTEMPTS_LIMIT = 100;
  static final int MAX_KEY_CHARS = 256;

  private final boolean enabled;
  private final int maxAttempts;
  private final long windowNanos;
  private final int status;
  private final Map<String, Pair> pairs;
  private long damped;

  /** A damper tracking {@link #DEFAULT_MAX_PAIRS} pairs. */
  public RetryDamper(RetryDamping config) {
    this(config, DEFAULT_MAX_PAIRS);
  }

  /**
   * @param config the configuration; when it is disabled every call is admitted and nothing kept
   * @param maxPairs the most caller/callee pairs tracked at once, at least 1
   * @throws IllegalArgumentException when enabled with max-attempts outside 1..{@value
   *     #MAX_ATTEMPTS_LIMIT}, a window that is not positive, or a status outside 300..699
   */
  public RetryDamper(RetryDamping config, int maxPairs) {
    this.enabled = config.enabled();
    this.maxAttempts = config.maxAttempts();
    Duration w = config.window() == null ? RetryDamping.DEFAULT.window() : config.window();
    this.windowNanos = w.toNanos();
    this.status = config.status() == 0 ? RetryDamping.DEFAULT.status() : config.status();
    if (enabled && (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT || windowNanos <= 0
        || status < 300 || status > 699 || maxPairs < 1)) {
      throw new IllegalArgumentException("retry damping needs max-attempts in 1.." + MAX_ATTEMPTS_LIMIT
          + ", a positive window, a status in 300..699 and maxPairs >= 1, not " + config + ", " + maxPairs);
    }
    this.pairs = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Pair> eldest) {
        return size() > maxPairs;
      }
    };
  }

  /**
   * The verdict for a new INVITE at {@code nowNanos}: {@link Admission#ADMIT}, or {@link
   * Admission#DAMP} (answer with {@link #status()}, do not route) when its pair failed
   * {@code max-attempts} times within the window.
   */
  public Admission check(SipRequest request, long nowNanos) {
    if (!enabled || !initialInvite(request)) {
      return Admission.ADMIT;
    }
    return check(key(request), nowNanos);
  }

  /** {@link #check(SipRequest, long)} on a computed key. */
  Admission check(String key, long nowNanos) {
    forgetEldestIfIdle(nowNanos);
    Pair p = pairs.get(key);
    if (p == null) {
      return Admission.ADMIT;
    }
    if (!p.full(nowNanos, windowNanos)) {
      // once a pair has failed, its calls still in progress count too, so a storm faster than
      // the far end answers cannot slip more than max-attempts through
      p.inFlight++;
      return Admission.ADMIT;
    }
    damped++;
    return Admission.DAMP;
  }

  /** The call of this INVITE failed (a final response 300-699 other than 487 went to the caller). */
  public void failed(SipRequest request, long nowNanos) {
    if (enabled && initialInvite(request)) {
      failed(key(request), nowNanos);
    }
  }

  void failed(String key, long nowNanos) {
    forgetEldestIfIdle(nowNanos);
    Pair p = pairs.computeIfAbsent(key, k -> new Pair(maxAttempts));
    p.inFlight = Math.max(0, p.inFlight - 1);
    p.record(nowNanos);
  }

  /** The call of this INVITE ended neither answered nor failed (cancelled by the caller). */
  public void ended(SipRequest request) {
    if (enabled && initialInvite(request)) {
      Pair p = pairs.get(key(request));
      if (p != null) {
        p.inFlight = Math.max(0, p.inFlight - 1);
      }
    }
  }

  /** The call of this INVITE was answered: its pair starts afresh. */
  public void answered(SipRequest request) {
    if (enabled && initialInvite(request)) {
      pairs.remove(key(request));
    }
  }

  private static boolean initialInvite(SipRequest request) {
    if (!request.isInvite()) {
      return false;
    }
    NameAddr to = request.to();
    return to == null || to.tag() == null;
  }

  /** The status a damped call is answered with (486 by default). */
  public int status() {
    return status;
  }

  /** Calls damped since the damper was made. */
  public long damped() {
    return damped;
  }

  /** Caller/callee pairs tracked now. */
  public int size() {
    return pairs.size();
  }

  /** The caller/callee key of an INVITE, at most {@value #MAX_KEY_CHARS} characters. */
  static String key(SipRequest request) {
    String key = caller(request.from()) + ' ' + callee(request);
    if (key.length() <= MAX_KEY_CHARS) {
      return key;
    }
    return key.substring(0, MAX_KEY_CHARS - 9) + '#' + String.format("%08x", key.hashCode());
  }

  private static String caller(NameAddr from) {
    if (from == null) {
      return "";
    }
    SipUri u = from.sipUri().orNull();
    if (u == null || u.user() == null) {
      return from.uri();
    }
    return u.host() == null ? u.user() : u.user() + '@' + u.host().toLowerCase(Locale.ROOT);
  }

  private static String callee(SipRequest request) {
    SipUri r = SipUri.parse(request.uri()).orNull();
    if (r != null && r.user() != null) {
      return r.user();
    }
    NameAddr to = request.to();
    if (to == null) {
      return request.uri();
    }
    SipUri t = to.sipUri().orNull();
    return t != null && t.user() != null ? t.user() : to.uri();
  }

  private void forgetEldestIfIdle(long nowNanos) {
    Iterator<Pair> it = pairs.values().iterator();
    if (it.hasNext() && it.next().idle(nowNanos, windowNanos)) {
      it.remove();
    }
  }

  /** The times of a pair's last failures, oldest first, in a ring. */
  private static final class Pair {
    final long[] times;
    int oldest;
    int count;
    /** Calls let through since the pair's first failure whose outcome is not known yet. */
    int inFlight;

    Pair(int maxAttempts) {
      this.times = new long[maxAttempts];
    }

    void record(long now) {
      if (count < times.length) {
        times[(oldest + count) % times.length] = now;
        count++;
        return;
      }
      times[oldest] = now;
      oldest = (oldest + 1) % times.length;
    }

    /** max-attempts failures (and calls in progress), the oldest failure still within the window. */
    boolean full(long now, long window) {
      int recent = 0;
      for (int i = 0; i < count; i++) {
        if (now - times[(oldest + i) % times.length] < window) {
          recent++;
        }
      }
      return recent > 0 && recent + inFlight >= times.length;
    }

    boolean idle(long now, long window) {
      return count == 0 || now - times[(oldest + count - 1) % times.length] >= window;
    }
  }
}

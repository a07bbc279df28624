package io.opensbc.sip.admission;

import io.opensbc.sip.message.CSeq;
import io.opensbc.sip.message.HeaderField;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final responses sent to INVITEs, kept for {@code admission.final-response-cache} (32 s =
 * 64*T1 by default) so that the same INVITE re-sent on a new transaction (a new top-Via branch,
 * after its server transaction is gone) is answered with the same response instead of being routed
 * again. An INVITE is the same when its Call-ID, From tag and CSeq number are (the request identity
 * RFC 3261 §8.2.2.2 and §17.2.3 use for requests without a usable branch); while the first
 * transaction still runs, such a request is a merged request (482) and not this class's business.
 *
 * <p>At most {@code maxEntries} responses are kept, the oldest going first; as every entry lives as
 * long, the oldest are also the first to expire, and a few are purged from the front on every call.
 * A kept response costs its own size (typically well under 1 KiB for a rejection; a 2xx carries its
 * SDP). Not thread-safe: one instance per shard (re-sent INVITEs have the same Call-ID, so they
 * reach the same shard).
 */
public final class FinalResponseCache {
  /** The default number of responses kept. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;
  /** The default time a response is kept: 64*T1. */
  public static final Duration DEFAULT_TTL = Duration.ofSeconds(32);
  private static final int PURGE_PER_CALL = 16;

  private final long ttlNanos;
  private final Map<Key, Entry> entries;
  private long replayed;

  private record Key(String callId, String fromTag, long cseq) {}

  private record Entry(SipResponse response, long expiresAt) {}

  /** A cache of {@link #DEFAULT_MAX_ENTRIES} responses. */
  public FinalResponseCache(Duration ttl) {
    this(ttl, DEFAULT_MAX_ENTRIES);
  }

  /**
   * @param ttl how long a response is kept; null means {@link #DEFAULT_TTL}, zero or less keeps
   *     nothing
   * @param maxEntries the most responses kept at once, at least 1
   */
  public FinalResponseCache(Duration ttl, int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, not " + maxEntries);
    }
    this.ttlNanos = (ttl == null ? DEFAULT_TTL : ttl).toNanos();
    this.entries = new LinkedHashMap<>(256, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
        return size() > maxEntries;
      }
    };
  }

  /**
   * Keeps {@code finalResponse} (status 200..699) as the answer to {@code invite} from {@code
   * nowNanos}. Anything else (a provisional response, a request that is not an INVITE or lacks a
   * Call-ID, From tag or CSeq) is not kept.
   */
  public void put(SipRequest invite, SipResponse finalResponse, long nowNanos) {
    Key key = key(invite);
    if (key == null || !finalResponse.isFinal() || ttlNanos <= 0) {
      return;
    }
    purge(nowNanos);
    entries.remove(key); // so that insertion order stays expiry order
    entries.put(key, new Entry(finalResponse, nowNanos + ttlNanos));
  }

  /** The response kept for the same INVITE as {@code request}, exactly as it was sent, or null. */
  public SipResponse lookup(SipRequest request, long nowNanos) {
    Key key = key(request);
    if (key == null) {
      return null;
    }
    purge(nowNanos);
    Entry e = entries.get(key);
    if (e == null) {
      return null;
    }
    if (e.expiresAt - nowNanos <= 0) {
      entries.remove(key);
      return null;
    }
    return e.response;
  }

  /**
   * The response kept for the same INVITE as {@code newRequest}, ready to send in answer to it: the
   * kept response with its Via lines replaced by those of {@code newRequest} (so the new top-Via
   * branch, received and rport are the ones the sender matches on); null when none is kept.
   */
  public SipResponse replayFor(SipRequest newRequest, long nowNanos) {
    SipResponse kept = lookup(newRequest, nowNanos);
    if (kept == null) {
      return null;
    }
    replayed++;
    return kept.withHeaders(withViasOf(kept.headers(), newRequest.headers()));
  }

  /** Responses kept now (expired ones included until purged). */
  public int size() {
    return entries.size();
  }

  /** Responses handed out by {@link #replayFor} since the cache was made. */
  public long replayed() {
    return replayed;
  }

  private static Key key(SipRequest r) {
    if (!r.isInvite()) {
      return null;
    }
    String callId = r.callId();
    NameAddr from = r.from();
    CSeq cseq = r.cseq();
    if (callId == null || from == null || from.tag() == null || cseq == null
        || !SipRequest.INVITE.equals(cseq.method())) {
      return null;
    }
    return new Key(callId, from.tag(), cseq.seq());
  }

  /** {@code response}'s header lines with its Via lines replaced, in place, by the request's. */
  private static Headers withViasOf(Headers response, Headers request) {
    Headers.Builder b = Headers.builder();
    boolean placed = false;
    for (HeaderField f : response.fields()) {
      if (!f.name().equals(HeaderNames.VIA)) {
        b.add(f);
      } else if (!placed) {
        addVias(b, request);
        placed = true;
      }
    }
    if (!placed) {
      Headers.Builder top = Headers.builder();
      addVias(top, request);
      response.fields().forEach(top::add);
      return top.build();
    }
    return b.build();
  }

  private static void addVias(Headers.Builder b, Headers request) {
    for (HeaderField f : request.fields()) {
      if (f.name().equals(HeaderNames.VIA)) {
        b.add(f);
      }
    }
  }

  private void purge(long nowNanos) {
    Iterator<Entry> it = entries.values().iterator();
    for (int i = 0; i < PURGE_PER_CALL && it.hasNext(); i++) {
      if (it.next().expiresAt - nowNanos > 0) {
        return;
      }
      it.remove();
    }
  }
}

package io.opensbc.cluster.capture;

import io.opensbc.sip.transport.WireMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SIP messages of the most recent calls, by Call-ID, as they crossed the wire: what the
 * per-call pcap and the console's ladder show. Bounded twice: at most {@code calls} Call-IDs (the
 * least recently active one is forgotten first) and {@code perCall} messages per Call-ID (later
 * ones are counted, not kept). OPTIONS and REGISTER transactions are not kept (keep-alives would
 * push calls out). Called from every listener thread, hence the lock.
 */
public final class CallTraces {
  private final int perCall;
  private final Map<String, Trace> traces;

  /** One Call-ID's messages. */
  static final class Trace {
    final List<WireMessage> messages = new ArrayList<>();
    int notKept;
  }

  public CallTraces(int calls, int perCall) {
    this.perCall = perCall;
    this.traces = new LinkedHashMap<>(Math.min(calls, 1024) * 2, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Trace> eldest) {
        return size() > calls;
      }
    };
  }

  public void add(WireMessage m) {
    String callId = SipBytes.callId(m.bytes());
    if (callId == null) {
      return;
    }
    String method = SipBytes.cseqMethod(m.bytes());
    if ("OPTIONS".equals(method) || "REGISTER".equals(method)) {
      return;
    }
    synchronized (this) {
      Trace t = traces.computeIfAbsent(callId, k -> new Trace());
      if (t.messages.size() < perCall) {
        t.messages.add(m);
      } else {
        t.notKept++;
      }
    }
  }

  /** The messages of these Call-IDs (the two legs of a call), in time order. */
  public synchronized List<WireMessage> messages(String... callIds) {
    List<WireMessage> out = new ArrayList<>();
    for (String id : callIds) {
      Trace t = id == null ? null : traces.get(id);
      if (t != null) {
        out.addAll(t.messages);
      }
    }
    out.sort(Comparator.comparingLong(WireMessage::atMillis));
    return out;
  }
}

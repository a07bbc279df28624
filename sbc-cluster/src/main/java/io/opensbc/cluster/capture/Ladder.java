package io.opensbc.cluster.capture;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Explain this call": the call's SIP messages as a ladder (leg A = caller side, leg B = trunk
 * side, in or out of the SBC), each message we sent annotated with what made it so: the routing
 * decisions and rules recorded on the call's log since the previous message we sent (rules fire
 * and targets are chosen just before the message leaves), and the difference between it and the
 * message it was made from on the other leg (request line and headers; the headers every B2BUA
 * rewrites are left out).
 */
public final class Ladder {
  /** Rewritten on every relayed message by any B2BUA: not worth a line of diff. */
  private static final Set<String> ALWAYS_REWRITTEN = Set.of("via", "call-id", "i", "v", "content-length", "l",
      "max-forwards", "record-route", "route", "contact", "m", "cseq");

  private Ladder() {}

  public static JsonArray of(List<WireMessage> messages, List<CallEvent> log, String aCallId, String bCallId) {
    JsonArray out = new JsonArray();
    List<JsonObject> rows = new ArrayList<>();
    int nextEvent = 0;
    List<CallEvent> notes = log.stream().filter(Ladder::explains).toList();
    for (int i = 0; i < messages.size(); i++) {
      WireMessage m = messages.get(i);
      String callId = SipBytes.callId(m.bytes());
      String leg = callId != null && callId.equals(bCallId) ? "B" : "A";
      String text = new String(m.bytes(), StandardCharsets.UTF_8);
      JsonObject row = new JsonObject()
          .put("atMillis", m.atMillis())
          .put("leg", leg)
          .put("direction", m.sent() ? "out" : "in")
          .put("transport", m.transport().name().toLowerCase())
          .put("local", m.localHost() + ":" + m.localPort())
          .put("remote", m.remoteHost() + ":" + m.remotePort())
          .put("label", SipBytes.startLine(m.bytes()))
          .put("cseq", SipBytes.header(m.bytes(), "cseq"))
          .put("text", text);
      JsonArray explain = new JsonArray();
      if (m.sent()) {
        while (nextEvent < notes.size() && notes.get(nextEvent).at() <= m.atMillis()) {
          explain.add(note(notes.get(nextEvent++)));
        }
        WireMessage origin = origin(messages, i, leg, bCallId);
        if (origin != null) {
          JsonArray diff = diff(origin.bytes(), m.bytes());
          if (!diff.isEmpty()) {
            row.put("diff", diff);
          }
        }
      }
      row.put("explain", explain);
      rows.add(row);
    }
    // what happened after the last message we sent (the call's end, a late failure)
    if (!rows.isEmpty()) {
      JsonArray last = rows.get(rows.size() - 1).getJsonArray("explain");
      while (nextEvent < notes.size()) {
        last.add(note(notes.get(nextEvent++)));
      }
    }
    rows.forEach(out::add);
    return out;
  }

  private static boolean explains(CallEvent e) {
    return e instanceof CallEvent.RulesApplied || e instanceof CallEvent.LegDialed
        || e instanceof CallEvent.TargetFailed || e instanceof CallEvent.ClockSkewObserved
        || e instanceof CallEvent.MediaAnchored || e instanceof CallEvent.CallReleased
        || io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e) != null;
  }

  private static JsonObject note(CallEvent e) {
    JsonObject j = new JsonObject().put("type", e.getClass().getSimpleName()).put("atMillis", e.at());
    if (e instanceof CallEvent.RulesApplied r) {
      j.put("text", "rules " + String.join(", ", r.rules()) + " changed " + r.message() + " (" + r.direction()
          + " on leg " + r.side() + ")");
    } else if (e instanceof CallEvent.LegDialed d) {
      j.put("text", "routed to trunk " + d.trunk() + ", target " + d.b().transport().name().toLowerCase() + ":"
          + d.b().host() + ":" + d.b().port() + " (" + d.b().remoteTarget() + ")");
    } else if (e instanceof CallEvent.TargetFailed f) {
      j.put("text", "target " + f.hop() + " of trunk " + f.trunk() + " failed with " + f.status() + ": " + f.reason()
          + "; hunting the next target");
    } else if (e instanceof CallEvent.ClockSkewObserved c) {
      j.put("text", "peer " + c.peer() + " answered " + c.status() + " with its clock " + c.offsetMillis()
          + " ms from ours");
    } else if (e instanceof CallEvent.MediaAnchored m) {
      j.put("text", "media of leg " + m.side() + " anchored on relay ports " + m.local() + ", peer " + m.remote());
    } else if (io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e) != null) {
      j.put("text", io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e));
    } else if (e instanceof CallEvent.CallReleased r) {
      j.put("text", "call released by " + (r.by() == null ? "the SBC" : "leg " + r.by()) + ": "
          + (r.status() > 0 ? r.status() + " " : "") + r.reason());
    }
    return j;
  }

  /** The message on the other leg that {@code messages[i]} (sent on {@code leg}) relays, or null. */
  private static WireMessage origin(List<WireMessage> messages, int i, String leg, String bCallId) {
    WireMessage sent = messages.get(i);
    String start = SipBytes.startLine(sent.bytes());
    boolean response = start.startsWith("SIP/2.0");
    String method = SipBytes.cseqMethod(sent.bytes());
    for (int k = i - 1; k >= 0; k--) {
      WireMessage m = messages.get(k);
      String id = SipBytes.callId(m.bytes());
      String otherLeg = id != null && id.equals(bCallId) ? "B" : "A";
      if (m.sent() || otherLeg.equals(leg)) {
        continue;
      }
      boolean isResponse = SipBytes.startLine(m.bytes()).startsWith("SIP/2.0");
      if (isResponse == response && method != null && method.equals(SipBytes.cseqMethod(m.bytes()))) {
        return m;
      }
    }
    return null;
  }

  /** Request/status line and header changes, as {@code {header, before, after}} (null: absent). */
  static JsonArray diff(byte[] before, byte[] after) {
    JsonArray out = new JsonArray();
    String l1 = SipBytes.startLine(before);
    String l2 = SipBytes.startLine(after);
    boolean request = !l1.startsWith("SIP/2.0");
    if (request ? !uri(l1).equals(uri(l2)) : !l1.equals(l2)) {
      out.add(change(request ? "Request-URI" : "Status", request ? uri(l1) : l1, request ? uri(l2) : l2));
    }
    Map<String, String> h1 = headers(before);
    Map<String, String> h2 = headers(after);
    for (var e : h1.entrySet()) {
      String now = h2.get(e.getKey());
      if (!e.getValue().equals(now)) {
        out.add(change(e.getKey(), e.getValue(), now));
      }
    }
    for (var e : h2.entrySet()) {
      if (!h1.containsKey(e.getKey())) {
        out.add(change(e.getKey(), null, e.getValue()));
      }
    }
    return out;
  }

  private static String uri(String requestLine) {
    String[] p = requestLine.split(" ");
    return p.length > 1 ? p[1] : requestLine;
  }

  private static JsonObject change(String header, String before, String after) {
    return new JsonObject().put("header", header).put("before", before).put("after", after);
  }

  /** Headers by canonical name (values of repeated headers joined), tags dropped from From/To. */
  private static Map<String, String> headers(byte[] m) {
    Map<String, String> out = new LinkedHashMap<>();
    String text = new String(m, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = (end < 0 ? text : text.substring(0, end)).split("\r?\n");
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = canonical(lines[i].substring(0, colon).trim());
      if (ALWAYS_REWRITTEN.contains(name.toLowerCase())) {
        continue;
      }
      String value = lines[i].substring(colon + 1).trim();
      if (name.equals("From") || name.equals("To")) {
        value = value.replaceAll(";\\s*tag=[^;>\\s]*", "");
      }
      out.merge(name, value, (a, b) -> a + ", " + b);
    }
    return out;
  }

  private static String canonical(String name) {
    return switch (name.toLowerCase()) {
      case "f", "from" -> "From";
      case "t", "to" -> "To";
      case "c", "content-type" -> "Content-Type";
      case "k", "supported" -> "Supported";
      case "s", "subject" -> "Subject";
      case "e", "content-encoding" -> "Content-Encoding";
      default -> name;
    };
  }
}

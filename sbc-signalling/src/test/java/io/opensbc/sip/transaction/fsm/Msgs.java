package io.opensbc.sip.transaction.fsm;

import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.CancelTimer;
import io.opensbc.sip.transaction.fsm.TxEffect.PassToTu;
import io.opensbc.sip.transaction.fsm.TxEffect.SendRequest;
import io.opensbc.sip.transaction.fsm.TxEffect.SendResponse;
import io.opensbc.sip.transaction.fsm.TxEffect.StartTimer;
import io.opensbc.sip.transaction.fsm.TxInput.RequestReceived;
import io.opensbc.sip.transaction.fsm.TxInput.ResponseReceived;
import io.opensbc.sip.transaction.fsm.TxInput.TimerFired;
import io.opensbc.sip.transaction.fsm.TxInput.TransportError;
import io.opensbc.sip.transaction.fsm.TxInput.TuResponse;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.stream.Collectors;

/** Messages and a readable notation for transaction tests. */
final class Msgs {
  static final String BRANCH = "z9hG4bK74bf9";
  static final String TOP_VIA = "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=" + BRANCH;
  static final String TO_TAG = "8321234356";

  private Msgs() {}

  /** The RFC 3665 style INVITE, with two Route headers and an SDP body. */
  static SipRequest invite() {
    return request(SipRequest.INVITE);
  }

  static SipRequest request(String method) {
    Headers h = Headers.builder()
        .add("Via", TOP_VIA)
        .add("Via", "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bKupstream")
        .add("Route", "<sip:p1.example.com;lr>")
        .add("Route", "<sip:p2.example.com;lr>")
        .add("Max-Forwards", "69")
        .add("From", "Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl")
        .add("To", "Bob <sip:bob@biloxi.example.com>")
        .add("Call-ID", "3848276298220188511@atlanta.example.com")
        .add("CSeq", "1 " + method)
        .add("Contact", "<sip:alice@client.atlanta.example.com;transport=udp>")
        .add("Content-Type", "application/sdp")
        .add("Content-Length", "4")
        .build();
    return new SipRequest(method, "sip:bob@biloxi.example.com", h, Buffer.buffer("v=0\n"));
  }

  static SipResponse response(SipRequest request, int status) {
    return Responses.create(request, status, null, TO_TAG);
  }

  /**
   * An input in table notation: "180" (a response received), "TU 486" (the TU sends a response),
   * "INVITE" / "ACK" / "OPTIONS" (a request received), "timer A", "transport error".
   */
  static TxInput input(String text, SipRequest request) {
    String t = text.trim();
    if (t.startsWith("timer ")) {
      return new TimerFired(TimerName.valueOf(t.substring(6)));
    }
    if (t.equals("transport error")) {
      return new TransportError();
    }
    if (t.startsWith("TU ")) {
      return new TuResponse(response(request, Integer.parseInt(t.substring(3))));
    }
    if (Character.isDigit(t.charAt(0))) {
      return new ResponseReceived(response(request, Integer.parseInt(t)));
    }
    if (t.equals(SipRequest.ACK)) {
      return new RequestReceived(AckFactory.ackFor(request, response(request, 486)));
    }
    return new RequestReceived(request.method().equals(t) ? request : request(t));
  }

  /** Effects in table notation, e.g. "PassToTu 486, SendRequest ACK, StartTimer D"; "-" for none. */
  static String describe(List<TxEffect> effects) {
    if (effects.isEmpty()) {
      return "-";
    }
    return effects.stream().map(Msgs::describe).collect(Collectors.joining(", "));
  }

  static String describe(TxEffect e) {
    if (e instanceof SendRequest s) {
      return "SendRequest " + s.request().method();
    }
    if (e instanceof SendResponse s) {
      return "SendResponse " + s.response().status();
    }
    if (e instanceof StartTimer s) {
      return "StartTimer " + s.timer();
    }
    if (e instanceof CancelTimer c) {
      return "CancelTimer " + c.timer();
    }
    if (e instanceof PassToTu p) {
      return "PassToTu " + p.response().status();
    }
    return e.getClass().getSimpleName();
  }

  /** The duration of the only StartTimer for {@code timer} among the effects. */
  static java.time.Duration started(List<TxEffect> effects, TimerName timer) {
    return effects.stream()
        .filter(e -> e instanceof StartTimer s && s.timer() == timer)
        .map(e -> ((StartTimer) e).after())
        .findFirst()
        .orElseThrow(() -> new AssertionError("no StartTimer " + timer + " in " + describe(effects)));
  }
}

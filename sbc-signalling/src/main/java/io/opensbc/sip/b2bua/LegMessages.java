package io.opensbc.sip.b2bua;

import io.opensbc.config.model.Transport;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Headers;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.transport.ListenerAddress;
import io.vertx.core.buffer.Buffer;

/** Builds the messages one leg sends, from that leg's dialog and the other leg's message. */
final class LegMessages {
  private LegMessages() {}

  static String via(ListenerAddress l, String branch) {
    return "SIP/2.0/" + l.viaTransport() + " " + l.hostPort() + ";branch=" + branch + ";rport";
  }

  static String contact(ListenerAddress l) {
    return "<sip:" + l.hostPort() + l.uriTransport() + ">";
  }

  static String withTag(String nameAddr, String tag) {
    return tag == null ? nameAddr : nameAddr + ";tag=" + tag;
  }

  /**
   * A request within the leg's dialog (RFC 3261 §12.2.1.1): Request-URI = remote target, Route =
   * route set, CSeq = {@code cseq}; end-to-end headers and body copied from {@code source}.
   */
  static SipRequest inDialog(String method, Dialog d, long cseq, ListenerAddress l, int maxForwards,
      SipRequest source) {
    Headers.Builder h = Headers.builder();
    h.add(HeaderNames.VIA, via(l, Ids.branch()));
    h.add(HeaderNames.MAX_FORWARDS, Integer.toString(maxForwards));
    h.add(HeaderNames.FROM, withTag(d.localUri(), d.localTag()));
    h.add(HeaderNames.TO, withTag(d.remoteUri(), d.remoteTag()));
    h.add(HeaderNames.CALL_ID, d.callId());
    h.add(HeaderNames.CSEQ, cseq + " " + method);
    for (String r : d.routeSet()) {
      h.add(HeaderNames.ROUTE, r);
    }
    if (!method.equals(SipRequest.BYE) && !method.equals(SipRequest.ACK)
        && !method.equals(SipRequest.CANCEL)) {
      h.add(HeaderNames.CONTACT, contact(l));
    }
    Buffer body = null;
    if (source != null) {
      HeaderCopy.endToEnd(source.headers(), h);
      body = source.body();
    }
    return new SipRequest(method, d.remoteTarget(), h.build(), body);
  }

  /** The ACK for a 2xx (RFC 3261 §13.2.2.4): a new branch, the INVITE's CSeq number. */
  static SipRequest ackFor2xx(Dialog d, long inviteCSeq, ListenerAddress l, SipRequest source) {
    Headers.Builder h = Headers.builder();
    h.add(HeaderNames.VIA, via(l, Ids.branch()));
    h.add(HeaderNames.MAX_FORWARDS, "70");
    h.add(HeaderNames.FROM, withTag(d.localUri(), d.localTag()));
    h.add(HeaderNames.TO, withTag(d.remoteUri(), d.remoteTag()));
    h.add(HeaderNames.CALL_ID, d.callId());
    h.add(HeaderNames.CSEQ, inviteCSeq + " ACK");
    for (String r : d.routeSet()) {
      h.add(HeaderNames.ROUTE, r);
    }
    Buffer body = null;
    if (source != null && source.body().length() > 0) {
      HeaderCopy.endToEnd(source.headers(), h);
      body = source.body();
    }
    return new SipRequest(SipRequest.ACK, d.remoteTarget(), h.build(), body);
  }

  /**
   * The other leg's response, re-made as a response to {@code request} on this leg: status,
   * reason, end-to-end headers and body from {@code from}; our To tag and our Contact.
   */
  static SipResponse relay(SipRequest request, SipResponse from, String localTag, ListenerAddress l) {
    SipResponse base = Responses.create(request, from.status(), from.reason(), localTag);
    Headers.Builder h = Headers.builder();
    for (var f : base.headers().fields()) {
      h.add(f);
    }
    boolean dialogCreating = from.status() > 100 && from.status() < 300;
    boolean redirect = from.status() >= 300 && from.status() < 400;
    if (dialogCreating && !request.isCancel() && !request.method().equals(SipRequest.BYE)) {
      h.add(HeaderNames.CONTACT, contact(l));
      // RFC 3261 §12.1.1: the UAS copies the request's Record-Route into a dialog-creating
      // response, in order (a proxy in front of this leg, e.g. Kamailio or Microsoft's, stays in
      // the dialog)
      for (String rr : request.headers().values(HeaderNames.RECORD_ROUTE)) {
        h.add(HeaderNames.RECORD_ROUTE, rr);
      }
    }
    if (redirect) {
      HeaderCopy.endToEndWithContact(from.headers(), h);
    } else {
      HeaderCopy.endToEnd(from.headers(), h);
    }
    return new SipResponse(from.status(), from.reason(), h.build(), from.body());
  }

  /** A name-addr without its tag parameter, for a dialog's local or remote URI. */
  static String withoutTag(NameAddr a) {
    return a.withParams(a.params().without("tag")).toString();
  }
}

package io.opensbc.sip.b2bua;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.sip.b2bua.transfer.Replaces;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.CallPhase;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.Parsed;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.transaction.ClientTransaction;
import io.opensbc.sip.transaction.ServerTransaction;
import io.opensbc.sip.transaction.TransactionLayer;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.opensbc.sip.transport.Source;
import io.vertx.core.buffer.Buffer;

/**
 * An INVITE with Replaces (RFC 3891) from a peer, e.g. a Teams call queue handing a call to an
 * agent: the dialog it names is found among this shard's calls, the other party of that call is
 * re-INVITEd with the new INVITE's offer, and on its answer the new dialog takes the replaced
 * leg's place, which is ended with BYE. No match: 481 (RFC 3891 §3).
 */
final class ReplacesInvites {
  private static final String SDP = "application/sdp";

  private final TransactionLayer layer;
  private final SipSender sender;
  private final Router router;
  private final MediaAnchoring media;
  private final Transfers transfers;
  private final Transfers.Legs legs;

  ReplacesInvites(TransactionLayer layer, SipSender sender, Router router, MediaAnchoring media, Transfers transfers,
      Transfers.Legs legs) {
    this.layer = layer;
    this.sender = sender;
    this.router = router;
    this.media = media;
    this.transfers = transfers;
    this.legs = legs;
  }

  /** True when the INVITE carries Replaces (and was answered or taken here); false: a normal new call. */
  boolean onInvite(ServerTransaction tx) {
    SipRequest req = tx.request();
    String header = req.headers().first(Replaces.HEADER);
    if (header == null) {
      return false;
    }
    Parsed<Replaces> parsed = Replaces.parse(header);
    if (!parsed.isOk()) {
      tx.respond(Responses.create(req, 400, "Bad Request (" + parsed.reason() + ")"));
      return true;
    }
    Transfers.Located found = transfers.find(parsed.orNull(), null);
    if (found == null || found.call().state().phase() != CallPhase.CONFIRMED) {
      tx.respond(Responses.create(req, 481, "Call/Transaction Does Not Exist"));
      return true;
    }
    Call call = found.call();
    Side replaced = found.side();
    Side other = replaced.other();
    if (call.inviteInProgress || call.transfer != null && call.transfer.running()) {
      tx.respond(Responses.create(req, 491, "Request Pending"));
      return true;
    }
    Source src = tx.source();
    String tag = Ids.tag();
    NameAddr from = req.from();
    String contact = B2bua.contactUri(req);
    Dialog leg = new Dialog(req.callId(), tag, from.tag(), LegMessages.withoutTag(req.to()),
        LegMessages.withoutTag(from), contact, B2bua.recordRoutes(req, false), 0, req.cseq().seq(),
        src.listener(), src.transport(), src.host(), src.port());
    String referredBy = req.headers().first(Transfers.REFERRED_BY);
    call.apply((s, at) -> new CallEvent.TransferRequested(s, at, replaced, "Replaces: " + header, referredBy,
        "invite-replaces"));
    Dialog there = call.dialog(other);
    MediaAnchoring.Crossing c = media.cross(call, replaced, req, false, there.listener());
    if (c.malformed() != null) {
      tx.respond(MediaAnchoring.notAcceptable(req, c.malformed(), tag));
      call.apply((s, at) -> new CallEvent.TransferRolledBack(s, at, 488, "offer not anchorable: " + c.malformed()));
      legs.flush(call);
      return true;
    }
    Buffer body = c.body() != null ? c.body() : req.body();
    long seq = there.localCSeq() + 1;
    Dialog next = there.withLocalCSeq(seq);
    call.apply((s, at) -> new CallEvent.DialogUpdated(s, at, other, next));
    call.apply((s, at) -> new CallEvent.TransferLegDialed(s, at, leg, sourceTrunk(src), "INVITE with Replaces"));
    SipRequest reinvite = LegMessages.inDialog(SipRequest.INVITE, next, seq, legs.address(call, other,
        there.listener()), 70, null);
    if (body != null && body.length() > 0) {
      reinvite = reinvite.withHeaders(reinvite.headers().add(HeaderNames.CONTENT_TYPE, SDP)).withBody(body);
    }
    call.inviteInProgress = true;
    layer.send(reinvite, B2bua.destination(next), new OtherParty(call, tx, leg, replaced, seq));
    legs.flush(call);
    return true;
  }

  private String sourceTrunk(Source src) {
    return router.sourceTrunk(src.listener(), src.host(), src.port());
  }

  /** The trunk a leg's peer is (as a call from it would be classified), or null. */
  private String trunkAt(Dialog d) {
    return router.sourceTrunk(d.listener(), d.host(), d.port());
  }

  /** The answer of the party that stays, to the re-INVITE carrying the new INVITE's offer. */
  private final class OtherParty extends LegFailures {
    private final Call call;
    private final ServerTransaction origin;
    private final Dialog leg;
    private final Side replaced;
    private final long seq;

    OtherParty(Call call, ServerTransaction origin, Dialog leg, Side replaced, long seq) {
      this.call = call;
      this.origin = origin;
      this.leg = leg;
      this.replaced = replaced;
      this.seq = seq;
    }

    @Override
    public void onResponse(ClientTransaction tx, SipResponse r) {
      if (!r.isFinal() || origin.answered()) {
        return;
      }
      call.inviteInProgress = false;
      if (call.released()) {
        origin.respond(Responses.create(origin.request(), 481, "Call/Transaction Does Not Exist", leg.localTag()));
        return;
      }
      ListenerAddress l = address(leg);
      SipResponse out = LegMessages.relay(origin.request(), r, leg.localTag(), l);
      if (!r.isSuccess()) {
        origin.respond(out);
        call.apply((s, at) -> new CallEvent.TransferRolledBack(s, at, r.status(), "the other party answered "
            + r.status() + " " + r.reason()));
        legs.flush(call);
        return;
      }
      Side other = replaced.other();
      // the ACK of the new leg is relayed to the other party (the B2BUA's usual ACK path)
      call.pendingAck[other.ordinal()] = seq;
      SipResponse answered = media.anchored(call, other, r, out, leg.listener());
      Dialog old = call.dialog(replaced);
      ListenerAddress oldAddress = legs.address(call, replaced, old.listener());
      legs.replaceLeg(call, replaced, leg, trunkAt(leg), "INVITE with Replaces");
      origin.respond(answered);
      call.apply((s, at) -> new CallEvent.TransferAccepted(s, at, replaced, 200, "bridged"));
      layer.send(LegMessages.inDialog(SipRequest.BYE, old, old.localCSeq() + 1, oldAddress, 70, null),
          B2bua.destination(old), B2bua.IGNORE);
      legs.flush(call);
    }

    private ListenerAddress address(Dialog d) {
      String trunk = trunkAt(d);
      TrunkConfig t = trunk == null ? null : router.trunk(trunk);
      ListenerAddress l = sender.address(d.listener());
      return l == null || t == null ? l : l.as(t.signalling().fqdn());
    }

    @Override
    void failed(int status, String reason) {
      call.inviteInProgress = false;
      if (!origin.answered()) {
        origin.respond(Responses.create(origin.request(), status, reason, leg.localTag()));
      }
    }
  }
}

package io.opensbc.cluster.records;

import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.rules.Q850;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * The record of one call, folded from its event log: who called whom over which trunks, when it
 * was offered, answered and ended, every attempt that failed (serial hunting), the final status and
 * its Q.850 cause, the rules that changed its messages, media anchoring and observed clock skew.
 * The same fold serves ended calls (the JSON line written to the file) and calls in progress.
 */
public final class CallRecord {
  private CallRecord() {}

  /** The record of a call from its events ({@code node}: the node that carried it). */
  public static JsonObject of(List<CallEvent> log, String node) {
    JsonObject r = new JsonObject().put("node", node);
    JsonArray attempts = new JsonArray();
    JsonArray rules = new JsonArray();
    JsonArray media = new JsonArray();
    JsonArray skew = new JsonArray();
    JsonArray adoptions = new JsonArray();
    long offeredAt = 0;
    long answeredAt = 0;
    String lastTrunk = null;
    String lastHop = null;
    for (CallEvent e : log) {
      if (e instanceof CallEvent.CallOffered o) {
        offeredAt = o.at();
        Dialog a = o.a();
        r.put("callRef", o.callRef()).put("aCallId", a.callId()).put("bCallId", o.callRef())
            .put("from", a.remoteUri()).put("to", a.localUri())
            .put("sourceTrunk", o.sourceTrunk()).put("listener", o.listener())
            .put("caller", a.host() + ":" + a.port()).put("callerTransport", a.transport().name().toLowerCase())
            .put("offered", iso(o.at()));
      } else if (e instanceof CallEvent.LegDialed d) {
        lastTrunk = d.trunk();
        lastHop = d.b().host() + ":" + d.b().port();
        r.put("trunk", d.trunk()).put("requestUri", d.b().remoteTarget()).put("target", lastHop)
            .put("targetTransport", d.b().transport().name().toLowerCase());
      } else if (e instanceof CallEvent.TargetFailed f) {
        attempts.add(new JsonObject().put("at", iso(f.at())).put("trunk", f.trunk()).put("hop", f.hop())
            .put("status", f.status()).put("reason", f.reason()));
      } else if (e instanceof CallEvent.EarlyDialogCreated ed) {
        r.put("ringing", iso(ed.at())).put("postDialDelayMs", ed.at() - offeredAt);
      } else if (e instanceof CallEvent.CallAnswered an) {
        answeredAt = an.at();
        r.put("answered", iso(an.at())).put("setupMs", an.at() - offeredAt);
      } else if (e instanceof CallEvent.RulesApplied ra) {
        rules.add(new JsonObject().put("at", iso(ra.at())).put("leg", ra.side().name()).put("direction", ra.direction())
            .put("message", ra.message()).put("rules", new JsonArray(ra.rules())));
      } else if (e instanceof CallEvent.MediaAnchored ma) {
        media.add(new JsonObject().put("leg", ma.side().name()).put("local", ma.local()).put("remote", ma.remote()));
      } else if (e instanceof CallEvent.ClockSkewObserved cs) {
        skew.add(new JsonObject().put("peer", cs.peer()).put("status", cs.status())
            .put("offsetMs", cs.offsetMillis()));
      } else if (e instanceof CallEvent.CallAdopted ad) {
        adoptions.add(new JsonObject().put("at", iso(ad.at())).put("node", ad.node()).put("from", ad.previousOwner())
            .put("epoch", ad.epoch()));
      } else if (e instanceof CallEvent.CallReleased rel) {
        int status = answeredAt > 0 ? 200 : rel.status();
        r.put("ended", iso(rel.at()))
            .put("status", status)
            .put("endStatus", rel.status())
            .put("endedBy", rel.by() == null ? "sbc" : rel.by().name())
            .put("endReason", rel.reason())
            .put("q850Cause", answeredAt > 0 ? normalClearing(rel) : Q850.causeOf(status))
            .put("durationSeconds", answeredAt > 0 ? (rel.at() - answeredAt) / 1000.0 : 0.0);
      }
    }
    r.put("state", r.containsKey("ended") ? "ended" : answeredAt > 0 ? "answered" : "setup");
    r.put("failedAttempts", attempts).put("rulesApplied", rules).put("media", media);
    if (!skew.isEmpty()) {
      r.put("clockSkew", skew);
    }
    if (!adoptions.isEmpty()) {
      r.put("adoptions", adoptions);
    }
    if (lastTrunk == null) {
      r.put("trunk", null);
    }
    return r;
  }

  /** Q.850 16 for a call ended by BYE; the mapped cause when the SBC ended it with a status. */
  private static int normalClearing(CallEvent.CallReleased rel) {
    return rel.status() >= 300 ? Q850.causeOf(rel.status()) : 16;
  }

  private static String iso(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }

  /** One event as JSON (the full history in {@code GET /admin/calls/{id}}). */
  public static JsonObject event(CallEvent e) {
    JsonObject j = new JsonObject().put("seq", e.seq()).put("at", iso(e.at())).put("atMillis", e.at())
        .put("type", e.getClass().getSimpleName());
    if (e instanceof CallEvent.CallOffered o) {
      j.put("callRef", o.callRef()).put("listener", o.listener()).put("sourceTrunk", o.sourceTrunk())
          .put("a", dialog(o.a()));
    } else if (e instanceof CallEvent.LegDialed d) {
      j.put("trunk", d.trunk()).put("b", dialog(d.b()));
    } else if (e instanceof CallEvent.TargetFailed f) {
      j.put("trunk", f.trunk()).put("hop", f.hop()).put("status", f.status()).put("reason", f.reason());
    } else if (e instanceof CallEvent.EarlyDialogCreated ed) {
      j.put("remoteTag", ed.remoteTag()).put("status", ed.status());
    } else if (e instanceof CallEvent.CallAnswered an) {
      j.put("a", dialog(an.a())).put("b", dialog(an.b()));
    } else if (e instanceof CallEvent.DialogUpdated du) {
      j.put("leg", du.side().name()).put("dialog", dialog(du.dialog()));
    } else if (e instanceof CallEvent.RulesApplied ra) {
      j.put("leg", ra.side().name()).put("direction", ra.direction()).put("message", ra.message())
          .put("rules", new JsonArray(ra.rules()));
    } else if (e instanceof CallEvent.MediaAnchored ma) {
      j.put("leg", ma.side().name()).put("local", ma.local()).put("remote", ma.remote());
    } else if (e instanceof CallEvent.ClockSkewObserved cs) {
      j.put("peer", cs.peer()).put("status", cs.status()).put("offsetMs", cs.offsetMillis());
    } else if (e instanceof CallEvent.CallAdopted ad) {
      j.put("node", ad.node()).put("from", ad.previousOwner()).put("epoch", ad.epoch());
    } else if (e instanceof CallEvent.CallReleased rel) {
      j.put("by", rel.by() == null ? "sbc" : rel.by().name()).put("status", rel.status()).put("reason", rel.reason());
    } else if (e instanceof CallEvent.LegReplaced lr) {
      j.put("leg", lr.side().name()).put("trunk", lr.trunk()).put("dialog", dialog(lr.dialog()))
          .put("text", io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e));
    } else if (io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e) != null) {
      j.put("text", io.opensbc.sip.b2bua.transfer.TransferSteps.describe(e));
    }
    return j;
  }

  private static JsonObject dialog(Dialog d) {
    return new JsonObject().put("callId", d.callId()).put("localTag", d.localTag()).put("remoteTag", d.remoteTag())
        .put("localUri", d.localUri()).put("remoteUri", d.remoteUri()).put("remoteTarget", d.remoteTarget())
        .put("next", d.transport().name().toLowerCase() + ":" + d.host() + ":" + d.port());
  }
}

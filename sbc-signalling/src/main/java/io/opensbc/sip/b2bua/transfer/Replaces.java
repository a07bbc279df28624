package io.opensbc.sip.b2bua.transfer;

import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.message.Params;
import io.opensbc.sip.message.Parsed;

/**
 * The Replaces header (RFC 3891 §6.1): {@code callid;to-tag=..;from-tag=..[;early-only]}, naming
 * the dialog a new INVITE (or the INVITE a REFER asks for) takes the place of.
 */
public record Replaces(String callId, String toTag, String fromTag, boolean earlyOnly) {
  public static final String HEADER = "Replaces";

  public static Parsed<Replaces> parse(String value) {
    if (value == null || value.isBlank()) {
      return Parsed.malformed("empty Replaces");
    }
    String v = value.trim();
    int semi = v.indexOf(';');
    String callId = (semi < 0 ? v : v.substring(0, semi)).trim();
    if (callId.isEmpty()) {
      return Parsed.malformed("Replaces has no Call-ID");
    }
    Params p = semi < 0 ? Params.EMPTY : Params.parse(v.substring(semi)).orNull();
    if (p == null) {
      return Parsed.malformed("Replaces parameters are malformed");
    }
    String to = p.get("to-tag");
    String from = p.get("from-tag");
    if (to == null || from == null || to.isEmpty() || from.isEmpty()) {
      return Parsed.malformed("Replaces needs to-tag and from-tag (RFC 3891 §6.1)");
    }
    return Parsed.ok(new Replaces(callId, to, from, p.has("early-only")));
  }

  /**
   * Whether this names the dialog {@code d} we hold: same Call-ID and the two tags. RFC 3891 §3
   * gives the tags from the side of the UA the dialog is with; since the SBC holds the other end,
   * both orders are accepted (the Call-ID with two random tags identifies one dialog either way).
   */
  public boolean matches(Dialog d) {
    if (d == null || !callId.equals(d.callId()) || d.remoteTag() == null) {
      return false;
    }
    return toTag.equals(d.localTag()) && fromTag.equals(d.remoteTag())
        || toTag.equals(d.remoteTag()) && fromTag.equals(d.localTag());
  }

  @Override
  public String toString() {
    return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag + (earlyOnly ? ";early-only" : "");
  }
}

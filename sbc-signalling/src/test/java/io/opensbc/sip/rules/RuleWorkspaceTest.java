package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.codec.SipWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A shard runs every chain in one reused workspace: each outcome must be what a workspace of its
 * own gives, whatever ran before it (requests and responses, rewritten, rejected or untouched).
 */
class RuleWorkspaceTest {
  static final String YAML = """
      listeners:
        - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}
      trunks:
        - name: carrier
          host: 127.0.0.1
          port: 5080
          listener: udp
          trusted: true
          identity: {ddi: ["+442071234500..+442071234599"], default-cli: "+442071234500", country-code: "44"}
          response-map: {q850-table: true, entries: [{status: 403, cause: 63, to-status: 486, to-cause: 17}]}
          rules: {outbound: [out], inbound: [out]}
      routes:
        - {name: a, match: {listener: udp}, trunk: carrier}
      rule-sets:
        - name: out
          rules:
            - {name: e164-ruri, match: INVITE, do: [{normalise-e164: {field: request-uri.user, country-code: "44"}}]}
            - {name: e164-from, match: INVITE, do: [{normalise-e164: {field: From.user, country-code: "44"}}]}
            - {name: premium, match: INVITE, if: {field: request-uri.user, regex: "^\\\\+449"}, do: [{reject: {code: 403}}]}
            - {name: ua, match: "*", do: [{replace-header: {name: User-Agent, value: OpenSBC}}]}
            - {name: phone, match: INVITE, if: {field: request-uri.param.user, present: false}, do: [{set: {field: request-uri.param.user, value: phone}}]}
            - {name: display, match: INVITE, if: {field: From.display, regex: "^Fred"}, do: [{regex-replace: {field: From.display, pattern: "^Fred (.*)$", replacement: "F. $1"}}]}
            - {name: called, match: INVITE, do: [{copy: {from: request-uri.user, to: X-Called}}]}
            - {name: pai-param, match: INVITE, do: [{set: {field: P-Asserted-Identity.uri-param.user, value: phone}}]}
            - {name: no-reason, match: BYE, do: [{remove-header: Reason}]}
      """;

  @Test
  void aReusedWorkspaceGivesWhatAFreshOneGives() {
    ConfigResult r = ConfigLoader.parse(YAML, "workspace.yaml");
    assertTrue(r instanceof ConfigResult.Valid, () -> r.toString());
    RuleBook book = RuleBook.compile(((ConfigResult.Valid) r).config(), new RuleHits(), 1);
    List<SipMessage> messages = new ArrayList<>();
    for (String ruri : MessageEditSpansTest.REQUEST_URIS) {
      for (String from : MessageEditSpansTest.FROMS) {
        for (String pai : MessageEditSpansTest.PAIS) {
          messages.add(MessageEditSpansTest.invite(ruri, from, pai));
        }
      }
    }
    messages.add(MessageEditSpansTest.invite("sip:+449001234567@127.0.0.1", MessageEditSpansTest.FROMS[0],
        MessageEditSpansTest.PAIS[0])); // rejected half-way through the chain
    messages.add(RuleBookTest.parse(RuleBookTest.FORBIDDEN));
    messages.add(RuleBookTest.parse("BYE sip:127.0.0.1:5080 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK-2\r\n"
        + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>;tag=2\r\nCall-ID: w\r\nCSeq: 2 BYE\r\nReason: Q.850;cause=16\r\n"
        + "Content-Length: 0\r\n\r\n"));
    RuleWorkspace shared = new RuleWorkspace();
    Random random = new Random(7);
    int rewritten = 0;
    for (int i = 0; i < 2_000; i++) {
      SipMessage m = messages.get(random.nextInt(messages.size()));
      Direction d = random.nextBoolean() ? Direction.OUTBOUND : Direction.INBOUND;
      RuleContext ctx = new RuleContext("carrier", d, "pbx", "udp");
      RuleOutcome reused = book.apply(ctx, m, shared);
      RuleOutcome fresh = book.apply(ctx, m, new RuleWorkspace());
      String where = "message " + i + " " + d + ":\n" + SipWriter.encode(m);
      assertEquals(fresh == null, reused == null, where);
      if (fresh != null) {
        assertEquals(SipWriter.encode(fresh.message()).toString(), SipWriter.encode(reused.message()).toString(), where);
        assertEquals(fresh.matched(), reused.matched(), where);
        assertEquals(fresh.changedBy(), reused.changedBy(), where);
        assertEquals(fresh.rejectStatus(), reused.rejectStatus(), where);
        assertEquals(fresh.rejectReason(), reused.rejectReason(), where);
        rewritten += fresh.changed() ? 1 : 0;
      }
    }
    assertTrue(rewritten > 1_000, "most messages should be rewritten: " + rewritten);
  }

  @Test
  void aWorkspaceServesOneChainAtATime() {
    RuleWorkspace w = new RuleWorkspace();
    w.start(RuleBookTest.parse(RuleBookTest.FORBIDDEN), "INVITE", null, null);
    assertThrows(IllegalStateException.class, () -> w.start(RuleBookTest.parse(RuleBookTest.FORBIDDEN), "INVITE", null, null));
    w.release();
    w.start(RuleBookTest.parse(RuleBookTest.FORBIDDEN), "INVITE", null, null);
  }
}

package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.ListenerConfig;
import io.opensbc.config.model.SbcConfig;
import io.opensbc.config.model.Transport;
import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.rules.Action;
import io.opensbc.config.model.rules.Condition;
import io.opensbc.config.model.rules.Direction;
import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.IdentityPolicy;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.ResponseMapping;
import io.opensbc.config.model.rules.Rule;
import io.opensbc.config.model.rules.RuleSet;
import io.opensbc.config.model.rules.Selector;
import io.opensbc.config.model.rules.TrunkRules;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The rule engine on messages as they are on the wire (seeds 000 and 001 and every action kind). */
class RuleBookTest {
  static final String INVITE = "INVITE sip:07969987654@sbc.example.com;user=phone SIP/2.0\r\n"
      + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      + "Max-Forwards: 70\r\n"
      + "From: \"Fred Bloggs\" <sip:+447912345678@pbx.example.com;user=phone>;tag=a1\r\n"
      + "To: <sip:07969987654@sbc.example.com;user=phone>\r\n"
      + "Call-ID: c1@pbx\r\n"
      + "CSeq: 1 INVITE\r\n"
      + "Contact: <sip:pbx@10.0.0.1>\r\n"
      + "P-Asserted-Identity: \"Fred Bloggs\" <sip:+447912345678@pbx.example.com;user=phone>, tel:+447912345678\r\n"
      + "Privacy: id\r\n"
      + "Content-Length: 0\r\n\r\n";

  static final String FORBIDDEN = "SIP/2.0 403 Forbidden\r\n"
      + "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1\r\n"
      + "From: <sip:a@x>;tag=a1\r\n"
      + "To: <sip:b@y>;tag=b1\r\n"
      + "Call-ID: c1@pbx\r\n"
      + "CSeq: 1 INVITE\r\n"
      + "Reason: Q.850;cause=63;text=\"Service or option not available\"\r\n"
      + "Content-Length: 0\r\n\r\n";

  static SipMessage parse(String text) {
    Decoded d = SipParser.parse(Buffer.buffer(text), SizeLimits.DEFAULTS);
    return ((Decoded.Message) d).message();
  }

  static FieldRef header(String name, FieldRef.Part part, String param) {
    String text = name + (part == FieldRef.Part.VALUE ? "" : "." + part.name().toLowerCase()) + (param == null ? "" : "." + param);
    return new FieldRef(FieldRef.Source.HEADER, name, part, param, text);
  }

  static final FieldRef RURI_USER = new FieldRef(FieldRef.Source.REQUEST_URI, null, FieldRef.Part.USER, null, "request-uri.user");

  static SbcConfig config(List<TrunkConfig> trunks, List<RuleSet> sets) {
    return new SbcConfig(null, null, null, List.of(new ListenerConfig("udp", Transport.UDP, "127.0.0.1", 5060)),
        trunks, List.of(), null, sets);
  }

  static TrunkConfig trunk(String name, boolean trusted, TrunkRules rules, ResponseMap map, IdentityPolicy id) {
    return new TrunkConfig(name, "127.0.0.1", 5080, Transport.UDP, "udp", trusted, rules, map, id);
  }

  static Rule rule(String name, Selector s, Condition c, Action... actions) {
    return new Rule(name, s, c, List.of(actions), 0);
  }

  static Selector requests(String method) {
    return new Selector(method, false, 0, 0, method == null ? "*" : method);
  }

  static Selector responses(String method, int low, int high) {
    return new Selector(method, true, low, high, method + " response " + low);
  }

  @Test
  void seed001_responseMapTurns403Cause63Into486Cause17() {
    ResponseMap map = new ResponseMap(false, List.of(new ResponseMapping(403, 63, 486, null, 17, 1)));
    RuleBook book = RuleBook.compile(config(List.of(trunk("teams", true, TrunkRules.NONE, map, null)), List.of()),
        new RuleHits(), 1);
    RuleOutcome o = book.apply(new RuleContext("teams", Direction.INBOUND, "teams", "udp"), parse(FORBIDDEN));
    SipResponse r = (SipResponse) o.message();
    assertEquals(486, r.status());
    assertEquals("Busy Here", r.reason());
    assertEquals("Q.850;cause=17", r.headers().first("Reason"));
    assertEquals(List.of("response-map"), o.changedBy());

    // another cause is not this entry's business
    RuleOutcome other = book.apply(new RuleContext("teams", Direction.INBOUND, "teams", "udp"),
        parse(FORBIDDEN.replace("cause=63", "cause=21")));
    assertNull(other);
  }

  @Test
  void q850TableAddsAReasonToFailuresWithoutOne_andDerivesTheCauseOfAMappedStatus() {
    ResponseMap map = new ResponseMap(true, List.of(new ResponseMapping(403, 63, 486, null, null, 1)));
    RuleBook book = RuleBook.compile(config(List.of(trunk("c", true, TrunkRules.NONE, map, null)), List.of()),
        new RuleHits(), 1);
    RuleContext ctx = new RuleContext("c", Direction.INBOUND, "c", null);
    SipResponse mapped = (SipResponse) book.apply(ctx, parse(FORBIDDEN)).message();
    assertEquals(486, mapped.status());
    assertEquals("Q.850;cause=17", mapped.headers().first("Reason"), "cause of 486 per RFC 3398");
    SipResponse busy = (SipResponse) book.apply(ctx,
        parse(FORBIDDEN.replace("403 Forbidden", "480 Temporarily Unavailable").replace(
            "Reason: Q.850;cause=63;text=\"Service or option not available\"\r\n", ""))).message();
    assertEquals(480, busy.status());
    assertEquals("Q.850;cause=18", busy.headers().first("Reason"));
  }

  @Test
  void seed000_identityOutsideTheRangeAssertsTheDefaultCliAndDropsPrivacy() {
    IdentityPolicy id = new IdentityPolicy(List.of(new NumberRange("442071234500", "442071234599", false, "r")),
        "+442071234500", IdentityPolicy.PrivacyMode.STRIP_UNLESS_ANONYMOUS, "44");
    RuleBook book = RuleBook.compile(config(List.of(trunk("carrier", true, TrunkRules.NONE, ResponseMap.NONE, id)),
        List.of()), new RuleHits(), 1);
    RuleContext ctx = new RuleContext("carrier", Direction.OUTBOUND, "pbx", "udp");
    SipRequest out = (SipRequest) book.apply(ctx, parse(INVITE)).message();
    assertEquals("\"Fred Bloggs\" <tel:+442071234500>", out.headers().first("P-Asserted-Identity"));
    assertEquals(1, out.headers().values("P-Asserted-Identity").size());
    assertFalse(out.headers().contains("Privacy"));
    assertEquals("\"Fred Bloggs\" <sip:+447912345678@pbx.example.com;user=phone>;tag=a1", out.headers().first("From"),
        "From is the caller's business");

    // inside the range (national form, normalised with the country code): the caller's own number
    String inside = INVITE.replace("From: \"Fred Bloggs\" <sip:+447912345678@pbx", "From: \"Fred Bloggs\" <sip:02071234567@pbx");
    SipRequest own = (SipRequest) book.apply(ctx, parse(inside)).message();
    assertEquals("\"Fred Bloggs\" <tel:+442071234567>", own.headers().first("P-Asserted-Identity"));
    assertFalse(own.headers().contains("Privacy"));

    // an anonymous caller keeps Privacy
    String anon = INVITE.replace("\"Fred Bloggs\" <sip:+447912345678@pbx.example.com;user=phone>;tag=a1",
        "\"Anonymous\" <sip:anonymous@anonymous.invalid>;tag=a1");
    SipRequest hidden = (SipRequest) book.apply(ctx, parse(anon)).message();
    assertEquals("id", hidden.headers().first("Privacy"));
    assertEquals("<tel:+442071234500>", hidden.headers().first("P-Asserted-Identity"));
  }

  @Test
  void rfc3325_paiIsRemovedFromAndToUntrustedTrunks_andKeptForTrustedOnes() {
    RuleBook book = RuleBook.compile(config(List.of(
        trunk("open", false, TrunkRules.NONE, ResponseMap.NONE, null),
        trunk("trusted", true, TrunkRules.NONE, ResponseMap.NONE, null)), List.of()), new RuleHits(), 1);
    SipMessage invite = parse(INVITE);
    for (Direction d : Direction.values()) {
      RuleOutcome o = book.apply(new RuleContext("open", d, null, null), invite);
      assertFalse(o.message().headers().contains("P-Asserted-Identity"), d.toString());
      assertNull(book.apply(new RuleContext("trusted", d, null, null), invite), d.toString());
    }
    // a caller that is no trunk is untrusted
    assertFalse(book.apply(new RuleContext(null, Direction.INBOUND, null, null), invite).message().headers()
        .contains("P-Asserted-Identity"));
  }

  @Test
  void everyActionKind() {
    FieldRef from = header("From", FieldRef.Part.USER, null);
    FieldRef reasonCause = header("Reason", FieldRef.Part.PARAM, "cause");
    RuleSet set = new RuleSet("s", List.of(
        rule("e164", requests("INVITE"), Condition.ALWAYS,
            new Action.NormaliseE164(RURI_USER, "44", "0", "00")),
        rule("strip", requests("INVITE"), new Condition.Matches(RURI_USER, Pattern.compile("^\\+44")),
            new Action.StripPrefix(RURI_USER, "+44"), new Action.AddPrefix(RURI_USER, "0044"),
            new Action.AddSuffix(RURI_USER, "#"), new Action.StripSuffix(RURI_USER, "#")),
        rule("regex", requests("INVITE"), Condition.ALWAYS,
            new Action.RegexReplace(from, Pattern.compile("^\\+44(\\d+)$"), "0$1")),
        rule("headers", requests("INVITE"), new Condition.Present(header("Privacy", FieldRef.Part.VALUE, null)),
            new Action.AddHeader("X-Seen", "yes"), new Action.RemoveHeader("Privacy"),
            new Action.ReplaceHeader("User-Agent", "OpenSBC"),
            new Action.Copy(header("From", FieldRef.Part.USER, null), header("X-Caller", FieldRef.Part.VALUE, null)),
            new Action.Set(header("To", FieldRef.Part.URI_PARAM, "user"), "dialstring"),
            new Action.Remove(header("From", FieldRef.Part.DISPLAY, null))),
        rule("not-this", requests("BYE"), Condition.ALWAYS, new Action.AddHeader("X-Never", "1")),
        rule("set-cause", responses("INVITE", 400, 499), new Condition.Equals(reasonCause, "63", false),
            new Action.Set(reasonCause, "17"), new Action.SetStatus(486, null))));
    RuleHits hits = new RuleHits();
    RuleBook book = RuleBook.compile(config(List.of(trunk("t", true, new TrunkRules(List.of("s"), List.of()),
        ResponseMap.NONE, null)), List.of(set)), hits, 1);
    RuleContext ctx = new RuleContext("t", Direction.INBOUND, "t", "udp");
    RuleOutcome o = book.apply(ctx, parse(INVITE));
    SipRequest r = (SipRequest) o.message();
    assertEquals("sip:00447969987654@sbc.example.com;user=phone", r.uri());
    assertEquals("<sip:07912345678@pbx.example.com;user=phone>;tag=a1", r.headers().first("From"));
    assertEquals("yes", r.headers().first("X-Seen"));
    assertFalse(r.headers().contains("Privacy"));
    assertEquals("OpenSBC", r.headers().first("User-Agent"));
    assertEquals("07912345678", r.headers().first("X-Caller"));
    assertEquals("<sip:07969987654@sbc.example.com;user=dialstring>", r.headers().first("To"));
    assertEquals(List.of("s/e164", "s/strip", "s/regex", "s/headers"), o.changedBy());
    assertEquals(1, hits.hits("t/inbound/s/headers"));
    assertEquals(0, hits.hits("t/inbound/s/not-this"));

    SipResponse resp = (SipResponse) book.apply(ctx, parse(FORBIDDEN)).message();
    assertEquals(486, resp.status());
    assertEquals("Q.850;cause=17;text=\"Service or option not available\"", resp.headers().first("Reason"));
  }

  @Test
  void conditionsCombine_andRejectStopsTheChain() {
    FieldRef fromUser = header("From", FieldRef.Part.USER, null);
    Condition fromUk = new Condition.InRange(fromUser, List.of(new NumberRange("44", "44", true, "+44*")));
    Condition fromTrunk = new Condition.SourceTrunk("pbx");
    RuleSet set = new RuleSet("s", List.of(
        rule("block", requests("INVITE"),
            new Condition.All(List.of(fromTrunk, new Condition.Not(fromUk),
                new Condition.Any(List.of(new Condition.Listener("udp"), new Condition.Listener("tcp")))
            )),
            new Action.Reject(403, "Forbidden CLI")),
        rule("after", requests(null), Condition.ALWAYS, new Action.AddHeader("X-After", "1"))));
    RuleBook book = RuleBook.compile(config(List.of(trunk("pbx", true, new TrunkRules(List.of("s"), List.of()),
        ResponseMap.NONE, null)), List.of(set)), new RuleHits(), 1);
    RuleContext ctx = new RuleContext("pbx", Direction.INBOUND, "pbx", "udp");
    RuleOutcome uk = book.apply(ctx, parse(INVITE));
    assertFalse(uk.rejected());
    assertEquals("1", uk.message().headers().first("X-After"));
    RuleOutcome foreign = book.apply(ctx, parse(INVITE.replace("+447912345678@pbx", "+33123456789@pbx")));
    assertTrue(foreign.rejected());
    assertEquals(403, foreign.rejectStatus());
    assertEquals("Forbidden CLI", foreign.rejectReason());
    assertEquals(List.of("s/block"), foreign.matched());
    RuleOutcome otherListener = book.apply(new RuleContext("pbx", Direction.INBOUND, "pbx", "tls"),
        parse(INVITE.replace("+447912345678@pbx", "+33123456789@pbx")));
    assertFalse(otherListener.rejected());
  }

  @Test
  void noRulesAllocatesNoOutcome_andTwoxxIsNeverTurnedIntoAFailure() {
    RuleSet set = new RuleSet("s", List.of(rule("x", responses(null, 100, 699), Condition.ALWAYS,
        new Action.SetStatus(486, null), new Action.AddHeader("X-Mapped", "1"))));
    RuleBook book = RuleBook.compile(config(List.of(trunk("t", true, new TrunkRules(List.of(), List.of("s")),
        ResponseMap.NONE, null)), List.of(set)), new RuleHits(), 1);
    assertNull(book.apply(new RuleContext("t", Direction.INBOUND, null, null), parse(INVITE)));
    SipResponse ok = (SipResponse) book.apply(new RuleContext("t", Direction.OUTBOUND, null, null),
        parse(FORBIDDEN.replace("403 Forbidden", "200 OK"))).message();
    assertEquals(200, ok.status());
    assertEquals("1", ok.headers().first("X-Mapped"));
    assertNotNull(RuleBook.empty());
  }

  /**
   * Rules that name one header in different spellings (and as different strings of the YAML) see
   * one header: a part edited by one is what the next reads, and a removal by another takes it.
   */
  @Test
  void rulesSpellingOneHeaderDifferentlyShareIt() {
    String yaml = """
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 5060}
        trunks:
          - {name: t, host: 127.0.0.1, port: 5080, listener: udp, trusted: true, rules: {outbound: [s]}}
        routes:
          - {name: a, match: {listener: udp}, trunk: t}
        rule-sets:
          - name: s
            rules:
              - {name: tag, match: INVITE, do: [{set: {field: X-Foo.user, value: alice}}]}
              - {name: read, match: INVITE, if: {field: x-foo.user, equals: alice}, do: [{remove-header: X-FOO}]}
              - {name: gone, match: INVITE, if: {field: X-Foo.user, present: true}, do: [{add-header: {name: X-Wrong, value: "1"}}]}
        """;
    var r = io.opensbc.config.loader.ConfigLoader.parse(yaml, "names.yaml");
    assertTrue(r instanceof io.opensbc.config.loader.ConfigResult.Valid, () -> r.toString());
    RuleBook book = RuleBook.compile(((io.opensbc.config.loader.ConfigResult.Valid) r).config(), new RuleHits(), 1);
    SipMessage m = parse(INVITE.replace("Privacy: id\r\n", "Privacy: id\r\nX-Foo: <sip:bob@example.com>\r\n"));
    RuleOutcome o = book.apply(new RuleContext("t", Direction.OUTBOUND, "pbx", "udp"), m);
    assertEquals(List.of("s/tag", "s/read"), o.matched());
    assertFalse(o.message().headers().contains("X-Foo"));
    assertFalse(o.message().headers().contains("X-Wrong"));
  }
}

package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.config.model.rules.NumberRange;
import io.opensbc.sip.message.NameAddr;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipUri;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SipWriter;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The working copy edits addresses in place: it splices new text into the value and moves the
 * positions of the parts after it instead of scanning again. Differential check: after every edit
 * of a random sequence, each part read from the working copy must equal the same part read from a
 * fresh scan of the message it prints, and the printed message must parse again with the parts the
 * records ({@link SipUri}, {@link NameAddr}) see.
 */
class MessageEditSpansTest {
  static final String[] REQUEST_URIS = {
    "sip:07969987654@127.0.0.1:5060;transport=udp",
    "sip:07969987654@127.0.0.1",
    "sip:127.0.0.1:5080",
    "sip:alice:secret@[2001:db8::1]:5061;transport=tls;lr?subject=hi",
    "sips:+442071234567@sbc.example.com;user=phone",
    "tel:+442071234567;phone-context=example.com",
  };

  static final String[] FROMS = {
    "\"Fred Bloggs\" <sip:+447912345678@127.0.0.1:5070;user=phone>;tag=a1",
    "<sip:+447912345678@127.0.0.1>;tag=a1",
    "Fred <sip:fred@pbx.example.com>;tag=a1;x=y",
    "sip:fred@pbx.example.com;tag=a1",
    "<sip:pbx.example.com?x=1>;tag=a1",
    "\"A \\\"quoted\\\" name\" <tel:+447912345678;npdi>;tag=a1",
  };

  static final String[] PAIS = {
    "\"Fred Bloggs\" <sip:+447912345678@pbx.example.com;user=phone>, <tel:+447912345678>",
    "<sip:+447912345678@pbx.example.com>",
    "tel:+447912345678",
  };

  static final String[] FIELDS = {
    "request-uri", "request-uri.user", "request-uri.host", "request-uri.param.user", "request-uri.param.transport",
    "request-uri.param.lr", "From", "From.user", "From.host", "From.display", "From.param.tag", "From.param.x",
    "From.uri-param.user", "From.uri-param.npdi", "To.user", "To.param.tag", "To.uri-param.user",
    "P-Asserted-Identity.user", "P-Asserted-Identity.display", "P-Asserted-Identity.uri-param.user",
  };

  static final String[] VALUES = {"+442071234500", "+447700900123", "07969987654", "phone", "", "b2", "sbc.example.net", "Reception Desk", "0",
    "\"quoted, with ; signs\"", "[2001:db8::2]", "a:b/c", "x y<z>"};

  /** One compiler for every reference, as one rule book has. */
  static final RuleCompiler NAMES = new RuleCompiler();

  static FieldRef ref(String text) {
    return NAMES.canonical(FieldRef.parse(text).orElseThrow());
  }

  static SipMessage invite(String ruri, String from, String pai) {
    String text = "INVITE " + ruri + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-1\r\n"
        + "Max-Forwards: 69\r\n"
        + "From: " + from + "\r\n"
        + "To: <sip:07969987654@127.0.0.1:5080;user=phone>\r\n"
        + "Call-ID: spans\r\n"
        + "CSeq: 1 INVITE\r\n"
        + "P-Asserted-Identity: " + pai + "\r\n"
        + "Content-Length: 0\r\n\r\n";
    return reparse(text);
  }

  static SipMessage reparse(String text) {
    Decoded d = SipParser.parse(Buffer.buffer(text), SizeLimits.DEFAULTS);
    assertTrue(d instanceof Decoded.Message, () -> "does not parse: " + d + "\n" + text);
    return ((Decoded.Message) d).message();
  }

  @Test
  void partsReadAfterInPlaceEditsEqualAFreshScanOfTheResult() {
    List<FieldRef> fields = new ArrayList<>();
    for (String f : FIELDS) {
      fields.add(ref(f));
    }
    Random random = new Random(20261203);
    int edits = 0;
    // one working copy reset on every message, as a shard's workspace does: nothing of one round
    // may leak into the next
    MessageEdit e = new MessageEdit();
    for (int round = 0; round < 3000; round++) {
      SipMessage m = invite(REQUEST_URIS[random.nextInt(REQUEST_URIS.length)], FROMS[random.nextInt(FROMS.length)],
          PAIS[random.nextInt(PAIS.length)]);
      e.reset(m, "INVITE", "pbx", "udp");
      List<String> trace = new ArrayList<>();
      for (int step = 0; step < 4; step++) {
        FieldRef f = fields.get(random.nextInt(fields.size()));
        if (f.part() == FieldRef.Part.VALUE) {
          continue; // whole values are replaced, not spliced
        }
        String v = VALUES[random.nextInt(VALUES.length)];
        boolean remove = random.nextInt(4) == 0;
        boolean changed = remove ? e.remove(f) : e.set(f, v);
        trace.add((remove ? "remove " : "set ") + f.text() + (remove ? "" : " = '" + v + "'") + " -> " + changed);
        edits += changed ? 1 : 0;
        String drift = e.spansDrift();
        assertNull(drift, () -> drift + " after " + trace);
        SipMessage printed = reparse(SipWriter.encode(e.result()).toString());
        MessageEdit fresh = new MessageEdit(printed, "INVITE", "pbx", "udp");
        for (FieldRef g : fields) {
          assertEquals(fresh.get(g), e.get(g), () -> g.text() + " after " + trace + "\n" + printed);
          checkInPlaceReads(e, g, trace);
        }
        checkRecords(printed, e, fields, trace);
      }
    }
    assertTrue(edits > 3000, "the sequences should mostly change the message: " + edits);
  }

  static final String[] PREFIXES = {"", "+", "+44", "0", "07969", "sbc", "127.0.0.1"};
  static final NumberRange[] RANGES = {NumberRange.parse("+447*").orElseThrow(),
      NumberRange.parse("+442071234500..+442071234599").orElseThrow(), NumberRange.parse("0*").orElseThrow()};

  /** Conditions read user and host parts in place: they must answer what a read of the value does. */
  private static void checkInPlaceReads(MessageEdit e, FieldRef g, List<String> trace) {
    String v = e.get(g);
    if (!e.locate(g)) {
      if (g.part() == FieldRef.Part.USER || g.part() == FieldRef.Part.HOST) {
        assertNull(v, () -> g.text() + " not located but read after " + trace);
      }
      return;
    }
    for (String p : PREFIXES) {
      assertEquals(v.startsWith(p), e.partStartsWith(p), () -> g.text() + " starts with " + p + " after " + trace);
    }
    for (NumberRange r : RANGES) {
      int inPlace = e.partInRange(new NumberRange[] {r});
      if (inPlace >= 0) {
        assertEquals(RuleCompiler.inRange(RuleCompiler.number(v), new NumberRange[] {r}), inPlace == 1,
            () -> g.text() + " '" + v + "' in " + r + " after " + trace);
      }
    }
  }

  /** The records' parsers see the same user, host and display name the working copy reads. */
  private static void checkRecords(SipMessage printed, MessageEdit e, List<FieldRef> fields, List<String> trace) {
    SipRequest r = (SipRequest) printed;
    SipUri ruri = SipUri.parse(r.uri()).orNull();
    if (ruri != null) {
      assertEquals(ruri.user(), e.get(fields.get(1)), () -> "request-uri.user after " + trace);
      assertEquals(ruri.host(), e.get(fields.get(2)), () -> "request-uri.host after " + trace);
    }
    NameAddr from = NameAddr.parse(r.headers().first("From")).orNull();
    if (from != null) {
      SipUri u = SipUri.parse(from.uri()).orNull();
      if (u != null) {
        assertEquals(u.user(), e.get(fields.get(7)), () -> "From.user after " + trace);
        assertEquals(u.host(), e.get(fields.get(8)), () -> "From.host after " + trace);
      }
    }
  }
}

package io.opensbc.sip.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.rules.FieldRef;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The working copy keeps address headers and the Request-URI parsed between actions and prints
 * them once: every mix of part edits and whole-header reads must read as if each edit had been
 * written back at once.
 */
class MessageEditTest {
  static final FieldRef FROM_USER = RuleBookTest.header("From", FieldRef.Part.USER, null);
  static final FieldRef FROM_DISPLAY = RuleBookTest.header("From", FieldRef.Part.DISPLAY, null);
  static final FieldRef FROM_TAG = RuleBookTest.header("From", FieldRef.Part.PARAM, "tag");
  static final FieldRef FROM_URI_USER_PARAM = RuleBookTest.header("From", FieldRef.Part.URI_PARAM, "user");
  static final FieldRef PAI_USER = RuleBookTest.header("P-Asserted-Identity", FieldRef.Part.USER, null);
  static final FieldRef RURI = new FieldRef(FieldRef.Source.REQUEST_URI, null, FieldRef.Part.VALUE, null, "request-uri");
  static final FieldRef RURI_PARAM = new FieldRef(FieldRef.Source.REQUEST_URI, null, FieldRef.Part.PARAM, "user", "request-uri.param.user");

  static MessageEdit edit() {
    SipMessage m = RuleBookTest.parse(RuleBookTest.INVITE);
    return new MessageEdit(m, "INVITE", "pbx", "udp");
  }

  @Test
  void severalPartsOfOneHeaderAreWrittenBackTogether() {
    MessageEdit e = edit();
    assertTrue(e.set(FROM_USER, "+442071234500"));
    assertTrue(e.set(FROM_DISPLAY, "Reception"));
    assertTrue(e.remove(FROM_URI_USER_PARAM));
    assertEquals("a1", e.get(FROM_TAG));
    assertEquals("\"Reception\" <sip:+442071234500@pbx.example.com>;tag=a1", e.first("From"));
    SipRequest r = (SipRequest) e.result();
    assertEquals("\"Reception\" <sip:+442071234500@pbx.example.com>;tag=a1", r.headers().first("From"));
  }

  @Test
  void aWholeHeaderWriteAfterPartEditsWins() {
    MessageEdit e = edit();
    e.set(FROM_USER, "+442071234500");
    e.replaceHeader("From", "<sip:other@x>;tag=z");
    assertEquals("other", e.get(FROM_USER));
    e.set(FROM_USER, "again");
    assertEquals("<sip:again@x>;tag=z", ((SipRequest) e.result()).headers().first("From"));
  }

  @Test
  void editingTheFirstValueOfAListHeaderKeepsTheOthers() {
    MessageEdit e = edit();
    assertEquals("+447912345678", e.get(PAI_USER));
    assertTrue(e.set(PAI_USER, "+442071234500"));
    SipRequest r = (SipRequest) e.result();
    assertEquals(List.of("\"Fred Bloggs\" <sip:+442071234500@pbx.example.com;user=phone>", "tel:+447912345678"),
        r.headers().values("P-Asserted-Identity"));
  }

  @Test
  void requestUriPartsAndTheWholeUriReadTheSame() {
    MessageEdit e = edit();
    assertTrue(e.set(RuleBookTest.RURI_USER, "+447969987654"));
    assertFalse(e.set(RURI_PARAM, "phone"), "the parameter already has that value");
    assertEquals("sip:+447969987654@sbc.example.com;user=phone", e.get(RURI));
    assertTrue(e.remove(RURI_PARAM));
    assertEquals("sip:+447969987654@sbc.example.com", ((SipRequest) e.result()).uri());
  }

  @Test
  void nothingChangedGivesTheOriginalBack() {
    SipMessage m = RuleBookTest.parse(RuleBookTest.INVITE);
    MessageEdit e = new MessageEdit(m, "INVITE", null, null);
    assertEquals("+447912345678", e.get(FROM_USER));
    assertFalse(e.set(FROM_USER, "+447912345678"));
    assertFalse(e.removeHeader("X-Absent"));
    assertSame(m, e.result());
  }

  @Test
  void headerNamesCompareIgnoringCase() {
    MessageEdit e = edit();
    assertTrue(e.contains("Privacy"));
    e.addHeader("X-Trunk", "a");
    assertEquals("a", e.first("x-trunk"));
    assertTrue(e.removeHeader("X-TRUNK"));
    assertNull(e.first("X-Trunk"));
  }

  @Test
  void literalPrefixRegexesBecomePrefixTests() {
    assertEquals("+449", RuleCompiler.literalPrefix(Pattern.compile("^\\+449")));
    assertEquals("Fred ", RuleCompiler.literalPrefix(Pattern.compile("^Fred ")));
    assertNull(RuleCompiler.literalPrefix(Pattern.compile("^\\d+")));
    assertNull(RuleCompiler.literalPrefix(Pattern.compile("^44(1|2)")));
    assertNull(RuleCompiler.literalPrefix(Pattern.compile("44$")));
    assertNull(RuleCompiler.literalPrefix(Pattern.compile("^fred", Pattern.CASE_INSENSITIVE)));
  }
}

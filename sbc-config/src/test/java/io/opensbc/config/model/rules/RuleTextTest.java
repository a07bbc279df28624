package io.opensbc.config.model.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.rules.FieldRef.Part;
import io.opensbc.config.model.rules.FieldRef.Source;
import io.opensbc.config.model.rules.IdentityPolicy.PrivacyMode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The public parsers of rule text (selectors, field references, number ranges) and their helpers.
 */
class RuleTextTest {

  @ParameterizedTest
  @CsvSource({
    "INVITE, INVITE, false, 0, 0",
    "invite, INVITE, false, 0, 0",
    "*, , false, 0, 0",
    "INVITE response 403, INVITE, true, 403, 403",
    "INVITE response 4xx, INVITE, true, 400, 499",
    "BYE Response 6XX, BYE, true, 600, 699",
    "* response any, , true, 100, 699",
    "'  OPTIONS   response  200 ', OPTIONS, true, 200, 200",
  })
  void parsesSelectors(String text, String method, boolean response, int low, int high) {
    assertEquals(
        new Selector(method, response, low, high, text), Selector.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "INVITE respons 403",
        "INVITE response",
        "INVITE response 700",
        "INVITE response 7xx",
        "INVITE response 099",
        "INVITE response 40x",
        "INVITE BYE",
        "IN VITE response 200 x",
        "INV@TE"
      })
  void refusesOtherSelectors(String text) {
    assertEquals(
        "'"
            + text
            + "' is not a selector (allowed: METHOD, METHOD response CODE, METHOD response Nxx,"
            + " METHOD response any; METHOD may be *)",
        Selector.parse(text).error());
  }

  @Test
  void failureResponsesOnlyMeansFinalNon2xx() {
    assertTrue(sel("INVITE response 4xx").failureResponsesOnly());
    assertTrue(sel("INVITE response 3xx").failureResponsesOnly());
    assertTrue(sel("* response 699").failureResponsesOnly());
    assertFalse(sel("INVITE response any").failureResponsesOnly());
    assertFalse(sel("INVITE response 2xx").failureResponsesOnly());
    assertFalse(sel("INVITE").failureResponsesOnly());
  }

  @ParameterizedTest
  @CsvSource({
    "request-uri, REQUEST_URI, , VALUE, ",
    "Request-URI.user, REQUEST_URI, , USER, ",
    "request-uri.host, REQUEST_URI, , HOST, ",
    "request-uri.param.user, REQUEST_URI, , PARAM, user",
    "status, STATUS, , VALUE, ",
    "reason-phrase, REASON_PHRASE, , VALUE, ",
    "From, HEADER, From, VALUE, ",
    "f.user, HEADER, f, USER, ",
    "P-Asserted-Identity.host, HEADER, P-Asserted-Identity, HOST, ",
    "To.display, HEADER, To, DISPLAY, ",
    "Reason.param.cause, HEADER, Reason, PARAM, cause",
    "Contact.uri-param.transport, HEADER, Contact, URI_PARAM, transport",
    "X-Custom.param.a.b, HEADER, X-Custom, PARAM, a.b",
  })
  void parsesFieldReferences(String text, Source source, String header, Part part, String param) {
    assertEquals(
        new FieldRef(source, header, part, param, text), FieldRef.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "From User | 'From User' is not a field",
        "'' | '' is not a field",
        "From.usr | 'From.usr' is not a field: a header has no part 'usr'",
        "request-uri.display | 'request-uri.display' is not a field: request-uri has no part"
            + " 'display'",
        "request-uri.uri-param.x | 'request-uri.uri-param.x' is not a field: request-uri has no"
            + " part 'uri-param.x'",
        "status.code | 'status.code' is not a field: status has no part 'code'",
        "From.user.x | 'From.user.x' is not a field: a header has no part 'user.x'",
        "From.param | 'From.param' is not a field: the parameter name is missing",
        "From.param. | 'From.param.' is not a field: the parameter name is missing",
        "From.param.a b | 'From.param.a b' is not a field: 'a b' is not a parameter name",
      })
  void refusesOtherFieldReferences(String text, String message) {
    assertEquals(
        message
            + " (allowed: request-uri[.user|.host|.param.NAME],"
            + " HEADER[.user|.host|.display|.param.NAME|.uri-param.NAME], status, reason-phrase)",
        FieldRef.parse(text).error());
  }

  @Test
  void reservedHeadersAndTagsCannotBeWritten() {
    for (String f :
        List.of(
            "Via",
            "v.param.branch",
            "Route",
            "Record-Route",
            "Call-ID",
            "i",
            "CSeq",
            "Max-Forwards",
            "Content-Length",
            "l",
            "Contact.user",
            "m",
            "From.param.tag",
            "t.param.TAG")) {
      assertTrue(FieldRef.parse(f).orElseThrow().writeProblem() != null, f);
    }
    assertEquals(
        "'Via' is managed by the SBC per leg and cannot be changed by a rule",
        ref("Via.param.received").writeProblem());
    assertEquals(
        "'From.param.tag' is managed by the SBC per leg and cannot be changed by a rule",
        ref("From.param.tag").writeProblem());
    for (String f : List.of("From.user", "To.param.x", "Reason", "request-uri", "status")) {
      assertNull(FieldRef.parse(f).orElseThrow().writeProblem(), f);
    }
    assertEquals(
        "'call-id' is managed by the SBC per leg and cannot be changed by a rule",
        FieldRef.headerWriteProblem("call-id"));
    assertNull(FieldRef.headerWriteProblem("X-Call-ID"));
  }

  @Test
  void removableFieldsAreHeadersDisplayNamesAndParameters() {
    for (String f :
        List.of(
            "X-A",
            "From.display",
            "To.param.x",
            "From.uri-param.user",
            "request-uri.param.transport")) {
      assertTrue(ref(f).removable(), f);
    }
    for (String f :
        List.of(
            "From.user",
            "From.host",
            "request-uri",
            "request-uri.user",
            "status",
            "reason-phrase")) {
      assertFalse(ref(f).removable(), f);
    }
  }

  @Test
  void statusAndReasonPhraseAreResponseOnly() {
    assertTrue(ref("status").responseOnly());
    assertTrue(ref("reason-phrase").responseOnly());
    assertFalse(ref("Reason").responseOnly());
  }

  @ParameterizedTest
  @CsvSource({
    "+442071234500..+442071234599, 442071234500, 442071234599, false",
    "'+44 20 7123 4500 .. +44 20 7123 4599', 442071234500, 442071234599, false",
    "+4420712345*, 4420712345, 4420712345, true",
    "+442071234567, 442071234567, 442071234567, false",
    "020-7123-4567, 02071234567, 02071234567, false",
  })
  void parsesNumberRanges(String text, String low, String high, boolean prefix) {
    assertEquals(new NumberRange(low, high, prefix, text), NumberRange.parse(text).orElseThrow());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "alice | 'alice' is not a number range",
        "'' | '' is not a number range",
        "* | '*' is not a number range",
        "+ | '+' is not a number range",
        "+44..alice | '+44..alice' is not a number range",
        "..+44 | '..+44' is not a number range",
        "+44*..+45* | '+44*..+45*' is not a number range",
        "+4420..+442099 | '+4420..+442099': both ends must have the same number of digits",
        "+4499..+4400 | '+4499..+4400': the first number is greater than the last",
      })
  void refusesOtherNumberRanges(String text, String message) {
    assertEquals(
        message + " (allowed: +442071234500..+442071234599, +4420712345*, +442071234567)",
        NumberRange.parse(text).error());
  }

  @Test
  void rangesContainTheirNumbersOnly() {
    NumberRange block = range("+442071234500..+442071234599");
    assertTrue(block.contains("442071234500"));
    assertTrue(block.contains("442071234550"));
    assertTrue(block.contains("442071234599"));
    assertFalse(block.contains("442071234499"));
    assertFalse(block.contains("442071234600"));
    assertFalse(block.contains("4420712345500"), "a longer number is outside");
    assertFalse(block.contains("44207123455"), "a shorter number is outside");
    assertFalse(block.contains(""));
    assertFalse(block.contains(null));

    NumberRange prefix = range("+4420712345*");
    assertTrue(prefix.contains("4420712345"));
    assertTrue(prefix.contains("442071234599999"));
    assertFalse(prefix.contains("442071234"));
    assertFalse(prefix.contains("4420712346"));

    NumberRange one = range("+442071234567");
    assertTrue(one.contains("442071234567"));
    assertFalse(one.contains("4420712345678"));
    assertFalse(one.contains("442071234566"));
  }

  @Test
  void digitsDropSeparatorsAndRefuseNonNumbers() {
    assertEquals("442071234567", NumberRange.digits("+44 20-7123 4567"));
    assertEquals("442071234567", NumberRange.digits("+44 (20) 7123.4567"));
    assertEquals("02071234567", NumberRange.digits("02071234567"));
    assertEquals("", NumberRange.digits("alice"));
    assertEquals("", NumberRange.digits("anonymous"));
    assertEquals("", NumberRange.digits("+44#1"));
    assertEquals("", NumberRange.digits(""));
    assertNull(NumberRange.digits(null));
  }

  @Test
  void identityOwnsNumbersInItsRangesEitherWayWritten() {
    IdentityPolicy uk =
        new IdentityPolicy(
            List.of(range("+442071234500..+442071234599")), "+442071234500", null, "44");
    assertEquals(PrivacyMode.STRIP_UNLESS_ANONYMOUS, uk.privacy());
    assertTrue(uk.owns("+442071234501"));
    assertTrue(uk.owns("02071234501"), "national form with a country code");
    assertFalse(uk.owns("02071234600"));
    assertFalse(uk.owns("anonymous"));
    IdentityPolicy national =
        new IdentityPolicy(List.of(range("02071234500..02071234599")), "02071234500", null, "44");
    assertTrue(national.owns("+442071234501"), "international form against national ranges");
    IdentityPolicy noCc =
        new IdentityPolicy(List.of(range("+442071234500..+442071234599")), "x", null, null);
    assertFalse(noCc.owns("02071234501"), "without a country code, forms are not mixed");
  }

  @Test
  void parsedHoldsAValueOrAnError() {
    assertEquals("x", Parsed.ok("x").orElseThrow());
    assertTrue(Parsed.ok("x").isOk());
    assertFalse(Parsed.error("bad").isOk());
    assertEquals(
        "bad",
        assertThrows(IllegalArgumentException.class, () -> Parsed.error("bad").orElseThrow())
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Parsed<>(null, null));
  }

  private static Selector sel(String text) {
    return Selector.parse(text).orElseThrow();
  }

  private static FieldRef ref(String text) {
    return FieldRef.parse(text).orElseThrow();
  }

  private static NumberRange range(String text) {
    return NumberRange.parse(text).orElseThrow();
  }
}

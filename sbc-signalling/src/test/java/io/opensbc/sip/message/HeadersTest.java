package io.opensbc.sip.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {
  @Test
  void namesAreCanonicalWhateverTheirCaseOrForm() {
    assertSame(HeaderNames.CALL_ID, HeaderNames.canonical("call-id"));
    assertSame(HeaderNames.CALL_ID, HeaderNames.canonical("CALL-ID"));
    assertSame(HeaderNames.CALL_ID, HeaderNames.canonical("i"));
    assertSame(HeaderNames.VIA, HeaderNames.canonical("V"));
    assertEquals("P-Asserted-Identity", HeaderNames.canonical("p-asserted-identity"));
    assertEquals("X-Custom", HeaderNames.canonical("X-Custom"));
    assertEquals("x-custom", HeaderNames.canonical("x-custom"));
  }

  @Test
  void theFirstElementOfAListValue() {
    assertEquals("<sip:a@x>", Headers.firstOfList("<sip:a@x>"));
    assertEquals("\"A, B\" <sip:a@x>", Headers.firstOfList(" \"A, B\" <sip:a@x> , <sip:b@y>"));
    assertEquals("<sip:a@x;p=1,2>", Headers.firstOfList("<sip:a@x;p=1,2>, b"));
    assertEquals("b", Headers.firstOfList(" , b"));
    assertNull(Headers.firstOfList(" , "));
  }

  @Test
  void firstSkipsEmptyListLines() {
    Headers h = Headers.builder().add("Supported", " ").add("Supported", "timer, 100rel").build();
    assertEquals("timer", h.first("supported"));
    assertEquals(List.of("timer", "100rel"), h.values("k"));
  }
}

package io.opensbc.config.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ModelTest {
  @Test
  void routeMatchesWithTheSameRegexAreEqual() {
    RouteMatch a = new RouteMatch(null, null, null, Pattern.compile("^0[1-9]"));
    RouteMatch b = new RouteMatch(null, null, null, Pattern.compile("^0[1-9]"));
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new RouteMatch(null, null, null, Pattern.compile("^0")));
    assertTrue(RouteMatch.ANY.isAny());
  }

  @Test
  void listsAreCopiedAndImmutable() {
    List<ListenerConfig> ls =
        new ArrayList<>(List.of(new ListenerConfig("u", Transport.UDP, "h", 1)));
    SbcConfig c = new SbcConfig(null, null, null, ls, null, null, null);
    ls.clear();
    assertEquals(1, c.listeners().size());
    assertThrows(UnsupportedOperationException.class, () -> c.trunks().add(null));
    assertEquals(SipConfig.DEFAULT, c.sip());
  }

  @Test
  void listenerForFallsBackToTheFirstOfTheSameTransport() {
    ListenerConfig u = new ListenerConfig("u", Transport.UDP, "h", 1);
    ListenerConfig t = new ListenerConfig("t", Transport.TCP, "h", 1);
    SbcConfig c = new SbcConfig(null, null, null, List.of(u, t), null, null, null);
    assertEquals(
        t, c.listenerFor(new TrunkConfig("x", "h", 5060, Transport.TCP, null)).orElseThrow());
    assertEquals(
        u, c.listenerFor(new TrunkConfig("x", "h", 5060, Transport.TCP, "u")).orElseThrow());
  }
}

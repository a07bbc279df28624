package io.opensbc.config.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.admission.AdmissionConfig;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.config.model.media.PortRange;
import io.opensbc.config.model.media.TrunkMedia;
import io.opensbc.config.model.routing.TrunkDispatch;
import io.opensbc.config.model.rules.ResponseMap;
import io.opensbc.config.model.rules.TrunkRules;
import java.time.Duration;
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

  @Test
  void mediaTakesItsDefaultsFromNullAndFromTheShorterConstructors() {
    TrunkConfig t = new TrunkConfig("x", "h", 5060, Transport.UDP, null);
    assertEquals(TrunkMedia.DEFAULT, t.media());
    assertEquals(
        TrunkMedia.DEFAULT,
        new TrunkConfig("x", "h", 5060, Transport.UDP, null, false, TrunkRules.NONE, ResponseMap.NONE,
                null, TrunkDispatch.DEFAULT)
            .media());
    assertEquals(
        TrunkMedia.DEFAULT,
        new TrunkConfig("x", "h", 5060, Transport.UDP, null, false, null, null, null, null, null).media());
    TrunkMedia srtp = new TrunkMedia(MediaSecurity.SRTP, null, null, List.of("pbx"), true, false);
    TrunkConfig withMedia =
        new TrunkConfig("x", "h", 5060, Transport.UDP, null, false, null, null, null, null, srtp);
    assertEquals(srtp, withMedia.withListener("udp").media());

    assertEquals(MediaConfig.DEFAULT, new SbcConfig(null, null, null, null, null, null, null).media());
    assertEquals(
        MediaConfig.DEFAULT,
        new SbcConfig(null, null, null, null, null, null, null, null, AdmissionConfig.DEFAULT).media());
    assertEquals(
        MediaConfig.DEFAULT, new SbcConfig(null, null, null, null, null, null, null, null, null, null).media());
  }

  @Test
  void mediaDefaultsAreTheDocumentedOnes() {
    assertEquals(
        new MediaConfig(
            new PortRange(20000, 39999),
            0,
            Duration.ofSeconds(60),
            Duration.ofHours(2),
            10_000,
            Duration.ofSeconds(2),
            5,
            null,
            1500),
        MediaConfig.DEFAULT);
    assertEquals(10_000, PortRange.DEFAULT.pairs());
    assertEquals(PortRange.DEFAULT, new MediaConfig(null, 0, null, null, 1, null, 1, null, 1500).ports());
    assertEquals(
        new TrunkMedia(
            MediaSecurity.AS_OFFERED,
            List.of(
                "AES_CM_128_HMAC_SHA1_80",
                "AES_CM_128_HMAC_SHA1_32",
                "AEAD_AES_128_GCM",
                "AEAD_AES_256_GCM"),
            List.of(),
            List.of(),
            false,
            false),
        TrunkMedia.DEFAULT);
    assertEquals(TrunkMedia.DEFAULT, new TrunkMedia(null, null, null, null, false, false));
    assertEquals(
        List.of("rtp", "srtp", "as-offered"),
        java.util.Arrays.stream(MediaSecurity.values()).map(MediaSecurity::configName).toList());
  }

  @Test
  void aCallBypassesMediaWhenEitherTrunkListsTheOther() {
    TrunkMedia toPbx = new TrunkMedia(null, null, null, List.of("pbx"), false, false);
    TrunkConfig teams =
        new TrunkConfig("teams", "h", 5060, Transport.UDP, null, false, null, null, null, null, toPbx);
    TrunkConfig pbx = new TrunkConfig("pbx", "h", 5060, Transport.UDP, null);
    TrunkConfig carrier = new TrunkConfig("carrier", "h", 5060, Transport.UDP, null);
    assertTrue(teams.bypassesMediaWith(pbx));
    assertTrue(pbx.bypassesMediaWith(teams));
    assertTrue(!teams.bypassesMediaWith(carrier) && !carrier.bypassesMediaWith(pbx));
  }

  @Test
  void mediaListsAreCopiedAndImmutable() {
    List<String> codecs = new ArrayList<>(List.of("PCMU"));
    TrunkMedia m = new TrunkMedia(null, null, codecs, null, false, false);
    codecs.add("PCMA");
    assertEquals(List.of("PCMU"), m.codecs());
    assertThrows(UnsupportedOperationException.class, () -> m.bypass().add("x"));
  }
}

package io.opensbc.media.relay;

import static io.opensbc.media.relay.UdpPeer.rtp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.ice.StunAttribute;
import io.opensbc.media.ice.StunCodec;
import io.opensbc.media.ice.StunDecodeResult;
import io.opensbc.media.ice.StunMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * ICE-lite on a relay leg over real UDP: connectivity checks answered with our credentials (short-
 * term MESSAGE-INTEGRITY, XOR-MAPPED-ADDRESS of the real source, FINGERPRINT), a wrong password
 * answered 401, STUN on a leg without ICE dropped, and a nominated pair used as the leg's peer.
 */
class RelayIceTest extends RelayHarness {
  private static final String UFRAG = "sbcA";
  private static final String PWD = "relayPasswordOf22Chars";

  @Test
  void aCheckWithOurCredentialsGetsAnAuthenticatedSuccessWithTheMappedAddress() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("ice-ok", alice, bob);
    sync(control.iceLite(h, Leg.A, UFRAG, PWD));

    alice.send(check(UFRAG + ":peer", PWD, false), h.a().rtpPort());
    byte[] response = alice.receive();
    StunDecodeResult.Decoded d = assertInstanceOf(StunDecodeResult.Decoded.class,
        StunCodec.decode(response, 0, response.length));
    assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE, d.message().type());
    assertTrue(StunCodec.integrityValid(response, 0, response.length, d, StunCodec.shortTermKey(PWD)),
        "MESSAGE-INTEGRITY keyed with our ice-pwd");
    assertTrue(StunCodec.fingerprintValid(response, 0, response.length, d));
    assertEquals(alice.address(),
        d.message().first(StunAttribute.XorMappedAddress.class).orElseThrow().address());
    assertEquals(h.a().rtpPort(), alice.lastSender().getPort(), "answered from the port checked");

    // the RTCP port of a non-muxed leg is component 2 and answers too
    alice.send(check(UFRAG + ":peer", PWD, false), h.a().rtcpPort());
    byte[] rtcp = alice.receive();
    assertEquals(StunMessage.BINDING_SUCCESS_RESPONSE,
        ((StunDecodeResult.Decoded) StunCodec.decode(rtcp, 0, rtcp.length)).message().type());
  }

  @Test
  void aWrongPasswordGets401AndAWrongUfragToo() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("ice-401", alice, bob);
    sync(control.iceLite(h, Leg.A, UFRAG, PWD));
    for (byte[] request : List.of(check(UFRAG + ":peer", "notOurPasswordAtAll!!!", false),
        check("other:peer", PWD, false))) {
      alice.send(request, h.a().rtpPort());
      byte[] response = alice.receive();
      StunDecodeResult.Decoded d = (StunDecodeResult.Decoded) StunCodec.decode(response, 0, response.length);
      assertEquals(StunMessage.BINDING_ERROR_RESPONSE, d.message().type());
      assertEquals(401, d.message().first(StunAttribute.ErrorCode.class).orElseThrow().code());
      assertTrue(d.message().first(StunAttribute.MessageIntegrity.class).isEmpty());
    }
    assertTrue(!stats(h, Leg.A).rtpLatched(), "an unauthenticated check latches nothing");
  }

  @Test
  void stunOnALegWithoutIceIsDropped() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    MediaSessionHandle h = call("ice-none", alice, bob);
    alice.send(check(UFRAG + ":peer", PWD, false), h.a().rtpPort());
    assertNull(alice.receive(300));
    assertEquals(1, stats(h, Leg.A).drops().malformed());
  }

  @Test
  void aNominatedPairBecomesTheLegsPeer() throws Exception {
    UdpPeer alice = peer();
    UdpPeer bob = peer();
    UdpPeer aliceReal = peer(); // where alice's ICE agent really is (another candidate)
    MediaSessionHandle h = call("ice-nominate", alice, bob);
    sync(control.iceLite(h, Leg.A, UFRAG, PWD));
    aliceReal.send(check(UFRAG + ":peer", PWD, true), h.a().rtpPort());
    aliceReal.receive(); // the success response
    assertTrue(stats(h, Leg.A).rtpLatched());
    assertEquals(aliceReal.address(), stats(h, Leg.A).rtpPeer());

    byte[] p = rtp(0, 1, 0xB0B);
    bob.send(p, h.b().rtpPort());
    assertArrayEquals(p, aliceReal.receive(), "media follows the nominated pair");
    assertNull(alice.receive(200), "not the SDP address any more");
  }

  /** A connectivity check as a controlling full agent sends it (RFC 8445 §7.1.1). */
  private static byte[] check(String username, String pwd, boolean nominate) {
    byte[] tid = new byte[12];
    ThreadLocalRandom.current().nextBytes(tid);
    List<StunAttribute> a = new ArrayList<>();
    a.add(new StunAttribute.Username(username));
    a.add(new StunAttribute.Priority(0x6e0001ffL));
    a.add(new StunAttribute.IceControlling(42L));
    if (nominate) {
      a.add(new StunAttribute.UseCandidate());
    }
    return StunCodec.encode(new StunMessage(StunMessage.BINDING_REQUEST, tid, a), StunCodec.shortTermKey(pwd), true);
  }
}

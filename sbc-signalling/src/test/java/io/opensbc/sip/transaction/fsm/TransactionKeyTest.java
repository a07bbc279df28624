package io.opensbc.sip.transaction.fsm;

import static io.opensbc.sip.transaction.fsm.Msgs.invite;
import static io.opensbc.sip.transaction.fsm.Msgs.request;
import static io.opensbc.sip.transaction.fsm.Msgs.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.SipRequest;
import org.junit.jupiter.api.Test;

/** RFC 3261 §17.1.3 and §17.2.3: matching messages to transactions. */
class TransactionKeyTest {

  @Test
  void theAckForANon2xxMatchesTheInviteServerTransaction() {
    SipRequest invite = invite();
    SipRequest ack = AckFactory.ackFor(invite, response(invite, 486));
    assertEquals(TransactionKey.forServer(invite), TransactionKey.forServer(ack));
    assertEquals("INVITE", TransactionKey.forServer(ack).method());
  }

  @Test
  void theAckForA2xxHasItsOwnBranchAndMatchesNoInviteTransaction() {
    SipRequest invite = invite();
    SipRequest ack = withTopVia(request(SipRequest.ACK),
        "SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnewack");
    assertNotEquals(TransactionKey.forServer(invite), TransactionKey.forServer(ack));
  }

  @Test
  void aCancelHasItsOwnTransactionButTargetsTheInvitesOne() {
    SipRequest invite = invite();
    SipRequest cancel = request(SipRequest.CANCEL);
    assertNotEquals(TransactionKey.forServer(invite), TransactionKey.forServer(cancel));
    assertEquals("CANCEL", TransactionKey.forServer(cancel).method());
    assertEquals(TransactionKey.forServer(invite), TransactionKey.forCancelTarget(cancel));
  }

  @Test
  void sentByTakesPartSoTheSameBranchFromAnotherHostIsAnotherTransaction() {
    SipRequest invite = invite();
    SipRequest other = withTopVia(invite,
        "SIP/2.0/UDP mallory.example.com:5060;branch=" + Msgs.BRANCH);
    assertNotEquals(TransactionKey.forServer(invite), TransactionKey.forServer(other));
    SipRequest sameHostOtherCase = withTopVia(invite,
        "SIP/2.0/UDP PC33.Atlanta.Example.com:5060;branch=" + Msgs.BRANCH);
    assertEquals(TransactionKey.forServer(invite), TransactionKey.forServer(sameHostOtherCase));
  }

  @Test
  void aResponseMatchesTheClientTransactionByBranchAndCseqMethod() {
    SipRequest invite = invite();
    TransactionKey sent = TransactionKey.forClient(invite);
    assertEquals(sent, TransactionKey.forClient(response(invite, 180)));
    assertEquals(sent, TransactionKey.forClient(response(invite, 486)));
    SipRequest cancel = request(SipRequest.CANCEL);
    assertEquals(TransactionKey.forClient(cancel), TransactionKey.forClient(response(cancel, 200)));
    assertNotEquals(sent, TransactionKey.forClient(response(cancel, 200)));
    assertTrue(sent.isRfc3261());
  }

  @Test
  void rfc2543RequestsMatchOnRequestUriTagsCallIdCseqAndTopVia() {
    String oldVia = "SIP/2.0/UDP old.example.com:5060";
    SipRequest invite = withTopVia(invite(), oldVia);
    TransactionKey key = TransactionKey.forServer(invite);
    assertFalse(key.isRfc3261());
    // the retransmitted INVITE
    assertEquals(key, TransactionKey.forServer(withTopVia(invite(), oldVia)));
    // the ACK for a non-2xx: same Request-URI, From tag, Call-ID, CSeq number, top Via
    SipRequest ack = AckFactory.ackFor(invite, response(invite, 486));
    assertEquals(key, TransactionKey.forServer(ack));
    // the CANCEL targets it, and has a transaction of its own
    SipRequest cancel = withTopVia(request(SipRequest.CANCEL), oldVia);
    assertEquals(key, TransactionKey.forCancelTarget(cancel));
    assertNotEquals(key, TransactionKey.forServer(cancel));
    // another CSeq is another transaction
    SipRequest next = invite.withHeaders(invite.headers().set(HeaderNames.CSEQ, "2 INVITE"));
    assertNotEquals(key, TransactionKey.forServer(next));
  }

  @Test
  void aRequestWithoutViaStillGetsAKey() {
    SipRequest bare = invite().withHeaders(invite().headers().remove(HeaderNames.VIA));
    assertFalse(TransactionKey.forServer(bare).isRfc3261());
  }

  private static SipRequest withTopVia(SipRequest r, String via) {
    return r.withHeaders(r.headers().removeFirstValue(HeaderNames.VIA).prepend(HeaderNames.VIA, via));
  }
}

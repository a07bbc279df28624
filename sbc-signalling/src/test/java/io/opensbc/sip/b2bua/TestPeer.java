package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SipParser;
import io.opensbc.sip.message.codec.SipWriter;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A SIP user agent for component tests: a real UDP socket on 127.0.0.1, raw messages in and out,
 * with just enough help to write ladders readably. Blocking; used from the test thread only.
 */
final class TestPeer implements AutoCloseable {
  private final DatagramSocket socket;
  private final Deque<SipMessage> stash = new ArrayDeque<>();
  private InetSocketAddress lastSender;

  TestPeer() throws IOException {
    this("127.0.0.1");
  }

  /** A peer on another loopback address (127.0.0.2, ...): a different source to the SBC. */
  TestPeer(String host) throws IOException {
    socket = new DatagramSocket(new InetSocketAddress(host, 0));
    socket.setSoTimeout(5000);
  }

  java.net.DatagramSocket socket() {
    return socket;
  }

  /** How long a receive waits (default 5 s). */
  void timeout(int millis) throws IOException {
    socket.setSoTimeout(millis);
  }

  int port() {
    return socket.getLocalPort();
  }

  void sendRaw(String text, int toPort) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), toPort));
  }

  void send(SipMessage m, int toPort) throws IOException {
    byte[] b = SipWriter.encode(m).getBytes();
    socket.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), toPort));
  }

  /** Sends to an address (a listener on another loopback address than 127.0.0.1). */
  void sendTo(SipMessage m, InetSocketAddress to) throws IOException {
    byte[] b = SipWriter.encode(m).getBytes();
    socket.send(new DatagramPacket(b, b.length, to));
  }

  /** Answers a received request back to where it came from. */
  SipResponse reply(SipRequest req, int status, String toTag, String... headerPairs) throws IOException {
    SipResponse r = Responses.create(req, status, null, toTag);
    var h = r.headers();
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      h = h.add(headerPairs[i], headerPairs[i + 1]);
    }
    r = r.withHeaders(h);
    sendTo(r, lastSender);
    return r;
  }

  SipResponse replyWithBody(SipRequest req, int status, String toTag, String contentType, String body,
      String... headerPairs) throws IOException {
    SipResponse r = Responses.create(req, status, null, toTag);
    var h = r.headers().add(HeaderNames.CONTENT_TYPE, contentType);
    for (int i = 0; i + 1 < headerPairs.length; i += 2) {
      h = h.add(headerPairs[i], headerPairs[i + 1]);
    }
    r = new SipResponse(r.status(), r.reason(), h, Buffer.buffer(body));
    sendTo(r, lastSender);
    return r;
  }

  /** The next message, waiting up to the socket timeout. */
  SipMessage receive() throws IOException {
    if (!stash.isEmpty()) {
      return stash.poll();
    }
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
    } catch (SocketTimeoutException e) {
      fail("no SIP message arrived at peer " + port());
    }
    lastSender = (InetSocketAddress) p.getSocketAddress();
    Decoded d = SipParser.parse(Buffer.buffer().appendBytes(buf, 0, p.getLength()), SizeLimits.DEFAULTS);
    if (d instanceof Decoded.Message m) {
      return m.message();
    }
    fail("peer " + port() + " got an unparsable message: " + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
    return null;
  }

  /** Raw text of the next datagram. */
  String receiveRaw() throws IOException {
    byte[] buf = new byte[65536];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    socket.receive(p);
    lastSender = (InetSocketAddress) p.getSocketAddress();
    return new String(buf, 0, p.getLength(), StandardCharsets.UTF_8);
  }

  /** Waits for a request of the method, skipping retransmitted responses in between. */
  SipRequest expectRequest(String method) throws IOException {
    for (int i = 0; i < 20; i++) {
      SipMessage m = receive();
      if (m instanceof SipRequest r && r.method().equals(method)) {
        return r;
      }
    }
    fail("no " + method + " arrived at peer " + port());
    return null;
  }

  /** Waits for a response with the status, skipping others with a lower status (e.g. 100). */
  SipResponse expectResponse(int status) throws IOException {
    for (int i = 0; i < 20; i++) {
      SipMessage m = receive();
      if (m instanceof SipResponse r) {
        if (r.status() == status) {
          return r;
        }
        if (r.status() > status) {
          fail("expected " + status + " but got " + r.status() + " " + r.reason());
        }
      }
    }
    fail("no " + status + " arrived at peer " + port());
    return null;
  }

  /** Asserts that nothing arrives within the time. */
  void expectSilence(int millis) throws IOException {
    assertTrue(stash.isEmpty());
    socket.setSoTimeout(millis);
    try {
      byte[] buf = new byte[65536];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      socket.receive(p);
      fail("expected silence but got: " + new String(buf, 0, p.getLength(), StandardCharsets.UTF_8));
    } catch (SocketTimeoutException expected) {
      // nothing came
    } finally {
      socket.setSoTimeout(5000);
    }
  }

  static void assertHeader(SipMessage m, String name, String expected) {
    assertEquals(expected, m.headers().first(name), name);
  }

  @Override
  public void close() {
    socket.close();
  }
}

package io.opensbc.sip.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.b2bua.CallLogStore;
import io.opensbc.sip.b2bua.SipStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile input on real sockets (docs/security.md, "Hostile input"): over-long Request-URI (414),
 * too many Vias (400), UDP garbage dropped, and the TCP slow-sender deadline: a connection that
 * sends nothing, or never finishes a message, is closed; one that completes its messages stays.
 */
class HostileInputTest {
  private Vertx vertx;
  private SipStack stack;
  private int udp;
  private int tcp;

  private static final CallLogStore NO_STORE = new CallLogStore() {
    @Override
    public Future<Void> put(String callRef, long version, byte[] log) {
      return Future.succeededFuture();
    }

    @Override
    public Future<byte[]> get(String callRef) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> remove(String callRef, long version) {
      return Future.succeededFuture();
    }

    @Override
    public Future<Set<String>> callRefs() {
      return Future.succeededFuture(Set.of());
    }
  };

  @BeforeEach
  void start() throws Exception {
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
          - {name: tcp, transport: tcp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.9, port: 5060}
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          limits: {max-uri-bytes: 256, max-via-headers: 5, tcp-message-timeout: 400ms}
        """;
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "hostile.yaml")).config();
    vertx = Vertx.vertx();
    stack = new SipStack();
    stack.start(vertx, config, NO_STORE).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    udp = stack.transports().address("udp").port();
    tcp = stack.transports().address("tcp").port();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String options(String uri, int vias, int port, String transport) {
    StringBuilder sb = new StringBuilder("OPTIONS " + uri + " SIP/2.0\r\n");
    for (int i = 0; i < vias; i++) {
      sb.append("Via: SIP/2.0/").append(transport).append(" 127.0.0.1:").append(port)
          .append(";branch=z9hG4bK-h").append(i).append("\r\n");
    }
    return sb.append("Max-Forwards: 70\r\nFrom: <sip:a@127.0.0.1>;tag=1\r\nTo: <sip:b@127.0.0.1>\r\n"
        + "Call-ID: hostile-" + uri.length() + "-" + vias + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").toString();
  }

  private String udpExchange(String text) throws Exception {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      s.setSoTimeout(2000);
      byte[] b = text.replace("127.0.0.1:0", "127.0.0.1:" + s.getLocalPort()).getBytes(StandardCharsets.UTF_8);
      s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), udp));
      byte[] in = new byte[65536];
      DatagramPacket p = new DatagramPacket(in, in.length);
      try {
        s.receive(p);
      } catch (SocketTimeoutException e) {
        return null;
      }
      return new String(in, 0, p.getLength(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void overLongRequestUriIs414() throws Exception {
    String r = udpExchange(options("sip:" + "a".repeat(300) + "@127.0.0.1", 1, 0, "UDP"));
    assertTrue(r != null && r.startsWith("SIP/2.0 414 Request-URI Too Long"), r);
  }

  @Test
  void tooManyViasIs400() throws Exception {
    String r = udpExchange(options("sip:b@127.0.0.1", 6, 0, "UDP"));
    assertTrue(r != null && r.startsWith("SIP/2.0 400 "), r);
    assertTrue(r.contains("6 Via values"), r);
    String ok = udpExchange(options("sip:b@127.0.0.1", 5, 0, "UDP"));
    assertTrue(ok != null && ok.startsWith("SIP/2.0 200 "), ok);
  }

  @Test
  void udpGarbageIsDropped() throws Exception {
    assertEquals(null, udpExchange("\u0016\u0003\u0001\u0002\u0000garbage that is no SIP\r\n\r\n"));
  }

  /** True when the server closed the connection within {@code millis}. */
  private static boolean closedWithin(Socket s, int millis) throws Exception {
    s.setSoTimeout(millis);
    InputStream in = s.getInputStream();
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (SocketTimeoutException e) {
      return false;
    } catch (java.io.IOException reset) {
      return true;
    }
  }

  @Test
  void aSilentConnectionIsClosed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tcp)) {
      assertTrue(closedWithin(s, 3000), "nothing sent: closed after tcp-message-timeout");
    }
    assertTrue(stack.transports().stats().slowClosedCount() >= 1);
  }

  @Test
  void aMessageThatNeverEndsIsClosedButCompleteOnesKeepTheConnection() throws Exception {
    try (Socket s = new Socket("127.0.0.1", tcp)) {
      OutputStream out = s.getOutputStream();
      // complete messages, one every 200 ms, for longer than the deadline: the connection stays
      for (int i = 0; i < 4; i++) {
        out.write(options("sip:b@127.0.0.1", 1, s.getLocalPort(), "TCP").replace("hostile-", "keep" + i + "-")
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(200);
      }
      s.setSoTimeout(2000);
      byte[] buf = new byte[8192];
      int n = s.getInputStream().read(buf);
      assertTrue(n > 0 && new String(buf, 0, n, StandardCharsets.UTF_8).startsWith("SIP/2.0 200"));
      // then the first bytes of a message, trickled and never finished (slowloris)
      out.write("OPTIONS sip:b@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1".getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertTrue(closedWithin(s, 3000), "an unfinished message: closed");
    }
  }
}

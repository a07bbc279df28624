package io.opensbc.sip.transport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.b2bua.CallLogStore;
import io.opensbc.sip.b2bua.SipStack;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TCP listener with real sockets: CRLF keep-alive pong (RFC 5626), several messages in one
 * write, framing errors closing only that connection, and the connection limit.
 */
class TcpTransportTest {
  private Vertx vertx;
  private SipStack stack;
  private int port;

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
          - {name: tcp, transport: tcp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: 9, transport: tcp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        sip:
          limits: {max-connections: 3, max-message-bytes: 4096}
        """;
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "tcp.yaml")).config();
    vertx = Vertx.vertx();
    stack = new SipStack();
    stack.start(vertx, config, NO_STORE).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    port = stack.transports().address("tcp").port();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
    s.setSoTimeout(3000);
    return s;
  }

  private static String options(String callId) {
    return "OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-" + callId
        + "\r\nMax-Forwards: 70\r\nFrom: <sip:t@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\nCall-ID: " + callId
        + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
  }

  /** Reads until the text contains every marker or the socket times out. */
  private static String readUntil(InputStream in, String... markers) throws IOException {
    StringBuilder sb = new StringBuilder();
    byte[] buf = new byte[8192];
    while (true) {
      boolean all = true;
      for (String m : markers) {
        all &= sb.indexOf(m) >= 0;
      }
      if (all) {
        return sb.toString();
      }
      int n;
      try {
        n = in.read(buf);
      } catch (SocketTimeoutException e) {
        return sb.toString();
      }
      if (n < 0) {
        return sb.append("<closed>").toString();
      }
      sb.append(new String(buf, 0, n, StandardCharsets.UTF_8));
    }
  }

  @Test
  void doubleCrlfPingIsAnsweredWithCrlf() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] pong = s.getInputStream().readNBytes(2);
      assertEquals("\r\n", new String(pong, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void severalMessagesInOneWriteAreAllAnswered() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write((options("tcp-a") + options("tcp-b")).getBytes(StandardCharsets.UTF_8));
      String got = readUntil(s.getInputStream(), "Call-ID: tcp-a", "Call-ID: tcp-b");
      assertTrue(got.contains("Call-ID: tcp-a") && got.contains("Call-ID: tcp-b"), got);
      assertEquals(2, got.split("SIP/2.0 200 OK", -1).length - 1, got);
    }
  }

  @Test
  void lostFramingClosesOnlyThatConnection() throws Exception {
    try (Socket bad = connect(); Socket good = connect()) {
      OutputStream out = bad.getOutputStream();
      out.write(options("tcp-nolen").replace("Content-Length: 0\r\n", "").getBytes(StandardCharsets.UTF_8));
      String answer = readUntil(bad.getInputStream(), "<closed>");
      assertTrue(answer.startsWith("SIP/2.0 400"), answer);
      assertTrue(answer.endsWith("<closed>"), "the connection is closed after the 400: " + answer);
      good.getOutputStream().write(options("tcp-still").getBytes(StandardCharsets.UTF_8));
      assertTrue(readUntil(good.getInputStream(), "Call-ID: tcp-still").contains("SIP/2.0 200"));
    }
  }

  @Test
  void oversizedHeaderSectionIsRefused() throws Exception {
    try (Socket s = connect()) {
      OutputStream out = s.getOutputStream();
      out.write("OPTIONS sip:127.0.0.1 SIP/2.0\r\n".getBytes(StandardCharsets.UTF_8));
      String filler = "X-Filler: " + "a".repeat(100) + "\r\n";
      try {
        for (int i = 0; i < 200; i++) {
          out.write(filler.getBytes(StandardCharsets.UTF_8));
        }
      } catch (IOException closedByPeer) {
        // the SBC may close while we are still writing
      }
      assertTrue(readUntil(s.getInputStream(), "<closed>").endsWith("<closed>"));
    }
    try (Socket again = connect()) {
      again.getOutputStream().write(options("tcp-after").getBytes(StandardCharsets.UTF_8));
      assertTrue(readUntil(again.getInputStream(), "Call-ID: tcp-after").contains("SIP/2.0 200"));
    }
  }

  @Test
  void connectionsBeyondTheLimitAreClosed() throws Exception {
    Socket a = connect();
    Socket b = connect();
    Socket c = connect();
    try (a; b; c) {
      await().atMost(Duration.ofSeconds(2)).until(() -> stack.transports().openTcpConnections() == 3);
      try (Socket d = connect()) {
        assertTrue(readUntil(d.getInputStream(), "<closed>").endsWith("<closed>"), "the 4th connection is refused");
      }
      a.getOutputStream().write(options("tcp-kept").getBytes(StandardCharsets.UTF_8));
      assertTrue(readUntil(a.getInputStream(), "Call-ID: tcp-kept").contains("SIP/2.0 200"));
    }
  }
}

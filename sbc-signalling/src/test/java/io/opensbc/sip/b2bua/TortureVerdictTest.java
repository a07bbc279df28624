package io.opensbc.sip.b2bua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Via;
import io.opensbc.sip.message.codec.DatagramFramer;
import io.opensbc.sip.message.codec.Decoded;
import io.opensbc.sip.message.codec.SizeLimits;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 / RFC 5118 torture message, byte-exact, sent over UDP to a running SBC; the
 * verdict on the wire is checked against expected.tsv (see EXPECTED.md), then an OPTIONS probe
 * checks that the SBC is still answering. Responses go where RFC 3261 §18.2.2 says (received
 * address, Via port or 5060), so the test listens on the port each message's Via names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TortureVerdictTest {
  private Vertx vertx;
  private SipStack stack;
  private TestPeer callee;
  private TestPeer prober;
  private int sbc;
  private final Map<Integer, DatagramSocket> listeners = new HashMap<>();
  /** Summaries of the responses seen in the current case, for failure messages. */
  private static final List<String> seen = new ArrayList<>();

  record Row(String file, String kind, String verdict, Set<String> passCodes) {}

  static Stream<Arguments> rows() throws IOException {
    List<Arguments> out = new ArrayList<>();
    try (InputStream in = TortureVerdictTest.class.getResourceAsStream("/sip-torture/expected.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] f = line.split("\t", -1);
        Set<String> codes = f[4].isEmpty() ? Set.of() : Set.of(f[4].split(","));
        out.add(Arguments.of(new Row(f[0], f[2], f[3], codes)));
      }
    }
    return out.stream();
  }

  @BeforeAll
  void start() throws Exception {
    callee = new TestPeer();
    prober = new TestPeer();
    String yaml = """
        admin: {enabled: false}
        listeners:
          - {name: udp, transport: udp, host: 127.0.0.1, port: 0}
        trunks:
          - {name: carrier, host: 127.0.0.1, port: %d, transport: udp}
        routes:
          - {name: all, match: {}, trunk: carrier}
        """.formatted(callee.port());
    var config = ((ConfigResult.Valid) ConfigLoader.parse(yaml, "torture.yaml")).config();
    vertx = Vertx.vertx();
    stack = new SipStack();
    stack.start(vertx, config, new RecordingCallLogStore()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    sbc = stack.transports().address("udp").port();
  }

  @AfterAll
  void stop() throws Exception {
    listeners.values().forEach(DatagramSocket::close);
    callee.close();
    prober.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static byte[] bytes(String file) throws IOException {
    try (InputStream in = TortureVerdictTest.class.getResourceAsStream("/sip-torture/"
        + (file.startsWith("ipv") || file.startsWith("port-") || file.startsWith("via-")
            || file.startsWith("mult-") ? "rfc5118/" : "") + file)) {
      return in.readAllBytes();
    }
  }

  /** The Call-ID of the message as written (compact form too), or null. */
  private static String callId(byte[] msg) {
    for (String line : new String(msg, StandardCharsets.ISO_8859_1).split("\r\n")) {
      String l = line.toLowerCase(java.util.Locale.ROOT);
      if (l.startsWith("call-id:") || l.startsWith("i:") || l.startsWith("i :")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return null;
  }

  /** The port a response to this message is sent to: its top Via's port, else 5060. */
  private static int replyPort(byte[] msg) {
    Decoded d = DatagramFramer.decode(Buffer.buffer(msg), SizeLimits.DEFAULTS);
    String via = d instanceof Decoded.Message m ? m.message().headers().first(HeaderNames.VIA)
        : d instanceof Decoded.Malformed bad ? bad.partial().first(HeaderNames.VIA) : null;
    Via v = via == null ? null : Via.parse(via).orNull();
    return v == null || v.port() <= 0 ? 5060 : v.port();
  }

  private DatagramSocket socketOn(int port) throws IOException {
    DatagramSocket s = listeners.get(port);
    if (s == null) {
      try {
        s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port));
      } catch (IOException busy) {
        assumeTrue(false, "UDP port " + port + " is busy; cannot receive the response there");
      }
      listeners.put(port, s);
    }
    return s;
  }

  /** Status codes of every response that arrives within the window. */
  private static List<Integer> collect(DatagramSocket s, int millis, String callId) throws IOException {
    List<Integer> codes = new ArrayList<>();
    long end = System.currentTimeMillis() + millis;
    byte[] buf = new byte[65536];
    while (System.currentTimeMillis() < end) {
      s.setSoTimeout((int) Math.max(1, end - System.currentTimeMillis()));
      try {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        s.receive(p);
        String text = new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
        // earlier cases' final responses are still being retransmitted (nobody ACKs them): skip them
        boolean ours = callId == null || text.contains(callId);
        if (ours && text.startsWith("SIP/2.0 ")) {
          codes.add(Integer.parseInt(text.substring(8, 11)));
          seen.add(text.lines().filter(l -> l.startsWith("SIP/") || l.startsWith("Call-ID") || l.startsWith("CSeq"))
              .reduce((a, b) -> a + " | " + b).orElse(""));
          end = Math.min(end, System.currentTimeMillis() + 150); // a little more for any follow-up

        }
      } catch (SocketTimeoutException e) {
        break;
      }
    }
    return codes;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void verdictOnTheWire(Row row) throws Exception {
    byte[] msg = bytes(row.file());
    DatagramSocket s = socketOn(replyPort(msg));
    s.send(new DatagramPacket(msg, msg.length, InetAddress.getLoopbackAddress(), sbc));
    seen.clear();
    List<Integer> codes = collect(s, row.verdict().equals("DROP") ? 400 : 800, callId(msg));
    switch (row.verdict()) {
      case "ACCEPT" -> assertTrue(codes.stream().noneMatch(c -> c == 400 || c == 500 || c == 505),
          row.file() + " is well formed but got " + codes);
      case "REJECT", "CODE" -> {
        boolean silenceOk = row.passCodes().contains("none");
        assertTrue(codes.stream().anyMatch(c -> row.passCodes().contains(Integer.toString(c)))
            || (silenceOk && codes.isEmpty()), row.file() + " expected one of " + row.passCodes() + " but got " + codes);
      }
      case "EITHER" -> assertFalse(codes.contains(500), row.file() + " got 500");
      case "DROP" -> assertTrue(codes.isEmpty(), row.file() + " is a stray response: nothing may be sent, got " + seen);
      default -> throw new IllegalArgumentException(row.verdict());
    }
    // the SBC still answers
    prober.sendRaw("OPTIONS sip:127.0.0.1:" + sbc + " SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:" + prober.port() + ";branch=z9hG4bK-probe-" + row.file().hashCode() + ";rport\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=p\r\nTo: <sip:127.0.0.1>\r\n"
        + "Call-ID: probe-" + row.file() + "\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n", sbc);
    assertEquals(200, prober.expectResponse(200).status(), "OPTIONS after " + row.file());
  }
}

package io.opensbc.cluster.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.operations.HepConfig;
import io.opensbc.sip.transport.WireMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** HEP over TCP to a real collector socket on loopback: a stream of HEP3 packets, split back here. */
class HepExporterTest {

  @Test
  void messagesGoOverOneTcpConnectionAsConsecutiveHepPackets() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Buffer received = Buffer.buffer();
      List<Integer> connections = new ArrayList<>();
      NetServer server = vertx.createNetServer().connectHandler(s -> {
        synchronized (connections) {
          connections.add(1);
        }
        s.handler(b -> {
          synchronized (received) {
            received.appendBuffer(b);
          }
        });
      });
      int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
          .actualPort();
      HepExporter hep = new HepExporter(vertx, new HepConfig("127.0.0.1", port, true, 9, null));
      hep.start();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(hep::connected);
      for (int i = 0; i < 20; i++) {
        String sip = "OPTIONS sip:x SIP/2.0\r\nCall-ID: c" + i + "\r\nCSeq: 1 OPTIONS\r\n\r\n";
        hep.export(new WireMessage(System.currentTimeMillis(), true, Transport.TCP, "127.0.0.1", 5060, "127.0.0.1",
            5070, sip.getBytes(StandardCharsets.UTF_8)));
      }
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> hep.sentCount() + hep.droppedCount() == 20);
      assertEquals(0, hep.droppedCount(), "nothing dropped while the collector is connected");
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> packets(received).size() == 20);
      List<String> payloads = packets(received);
      for (int i = 0; i < 20; i++) {
        assertTrue(payloads.get(i).contains("Call-ID: c" + i + "\r\n"), "in order: " + payloads.get(i));
      }
      assertEquals(1, connections.size(), "one connection");
      hep.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Splits a HEP stream by each packet's total length; returns the SIP payloads (chunk 0x000f). */
  private static List<String> packets(Buffer stream) {
    List<String> out = new ArrayList<>();
    synchronized (stream) {
      int pos = 0;
      while (pos + 6 <= stream.length()) {
        assertEquals("HEP3", stream.getString(pos, pos + 4, "US-ASCII"));
        int total = stream.getUnsignedShort(pos + 4);
        if (pos + total > stream.length()) {
          break;
        }
        int c = pos + 6;
        while (c < pos + total) {
          int type = stream.getUnsignedShort(c + 2);
          int len = stream.getUnsignedShort(c + 4);
          if (type == HepEncoder.PAYLOAD) {
            out.add(stream.getString(c + 6, c + len, "UTF-8"));
          }
          c += len;
        }
        pos += total;
      }
    }
    return out;
  }
}

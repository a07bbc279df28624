package io.opensbc.media.relay;

import io.opensbc.media.control.Direction;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.SessionStats;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpProfile;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A standalone relay with static sessions, for {@code bench/rtp_relay.sh}: not part of the SBC.
 *
 * <pre>
 * java -cp CLASSPATH io.opensbc.media.relay.RelayBenchMain --map-in IN --map-out OUT
 *     [--shards N] [--ports LOW-HIGH] [--max-seconds S] [--srtp]
 * </pre>
 *
 * <p>{@code IN} has one line per stream, {@code SRC_PORT RECV_PORT}: the loopback port a generator
 * sends from and the one where it counts what arrives. For each line a session is allocated, leg A
 * pointed at {@code SRC_PORT} (RTCP + 1) and leg B at {@code RECV_PORT}; {@code OUT} gets
 * {@code SRC_PORT DST_PORT RECV_PORT} lines (DST = leg A's RTP port), the map of
 * {@code rtp_relay.py static}. Prints {@code relay ready ...} when the map is written, runs until
 * SIGTERM or {@code --max-seconds} (default 900), and prints the relay's packet counts on exit.
 *
 * <p>With {@code --srtp}, leg B is an SDES SRTP leg (AES_CM_128_HMAC_SHA1_80, fresh keys): the relay
 * encrypts what it forwards from A to B (RTP in, SRTP out, 10 bytes longer), as the SBC does on a
 * trunk whose {@code media.security} is {@code srtp}.
 */
public final class RelayBenchMain {
  private RelayBenchMain() {}

  public static void main(String[] args) throws Exception {
    Path in = null;
    Path out = null;
    int shards = 1;
    int low = 20000;
    int high = 29999;
    long maxSeconds = 900;
    boolean srtp = false;
    for (int i = 0; i < args.length; i += 2) {
      if (args[i].equals("--srtp")) {
        srtp = true;
        i--;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException("option " + args[i] + " needs a value");
      }
      switch (args[i]) {
        case "--map-in" -> in = Path.of(args[i + 1]);
        case "--map-out" -> out = Path.of(args[i + 1]);
        case "--shards" -> shards = Integer.parseInt(args[i + 1]);
        case "--ports" -> {
          String[] range = args[i + 1].split("-");
          low = Integer.parseInt(range[0]);
          high = Integer.parseInt(range[1]);
        }
        case "--max-seconds" -> maxSeconds = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (in == null || out == null) {
      System.err.println("usage: RelayBenchMain --map-in IN --map-out OUT [--shards N] [--ports LOW-HIGH]"
          + " [--max-seconds S] [--srtp]");
      System.exit(2);
    }
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(shards));
    RelayConfig config = RelayConfig.defaults().withPorts(low, high).withShards(shards);
    RelayControl relay = RelayControl.deploy(vertx, config).await(10, TimeUnit.SECONDS);
    SecureRandom random = new SecureRandom();
    List<MediaSessionHandle> sessions = new ArrayList<>();
    List<String> map = new ArrayList<>();
    int n = 0;
    for (String line : Files.readAllLines(in, StandardCharsets.US_ASCII)) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 2) {
        continue;
      }
      int src = Integer.parseInt(f[0]);
      int recv = Integer.parseInt(f[1]);
      MediaSessionHandle h = relay.allocate("bench-" + n++).await(10, TimeUnit.SECONDS);
      relay.updateRemote(h, Leg.A, RemoteEndpoint.of("127.0.0.1", src, src + 1)).await(10, TimeUnit.SECONDS);
      relay.updateRemote(h, Leg.B, RemoteEndpoint.of("127.0.0.1", recv, recv + 1)).await(10, TimeUnit.SECONDS);
      if (srtp) {
        SdesKeys keys = SdesKeys.generate(SrtpProfile.AES_CM_128_HMAC_SHA1_80, random);
        relay.setTransform(h, Leg.B, Direction.OUTBOUND, SrtpTransform.protect(keys)).await(10, TimeUnit.SECONDS);
      }
      sessions.add(h);
      map.add(src + " " + h.a().rtpPort() + " " + recv);
    }
    write(out, map);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> report(relay, sessions, vertx), "relay-bench-exit"));
    System.out.println("relay ready sessions=" + sessions.size() + " shards=" + shards + " ports=" + low + "-" + high
        + " srtp=" + srtp);
    System.out.flush();
    Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
    System.exit(0);
  }

  private static void write(Path out, List<String> lines) throws IOException {
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(tmp, lines, StandardCharsets.US_ASCII);
    Files.move(tmp, out, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private static void report(RelayControl relay, List<MediaSessionHandle> sessions, Vertx vertx) {
    try {
      long received = 0;
      long sent = 0;
      long dropped = 0;
      List<Future<SessionStats>> all = new ArrayList<>();
      sessions.forEach(h -> all.add(relay.stats(h)));
      Future.all(all).await(5, TimeUnit.SECONDS);
      for (Future<SessionStats> f : all) {
        for (SessionStats.LegStats leg : List.of(f.result().a(), f.result().b())) {
          received += leg.received().packets();
          sent += leg.sent().packets();
          dropped += leg.drops().total();
        }
      }
      System.out.println("relay exit received=" + received + " sent=" + sent + " dropped=" + dropped);
      vertx.close().await(5, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.out.println("relay exit (no stats: " + e + ")");
    }
  }
}

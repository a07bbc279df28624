package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsRecord.CnameRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SoaRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny authoritative DNS server for tests: UDP and TCP on one port of 127.0.0.1, answering from
 * a zone of records set by the test. A name with no records at all is NXDOMAIN, a name with
 * records of other types NODATA; both carry the zone's SOA (unless told not to). CNAMEs are
 * followed inside the zone, like a real authoritative server does (unless told not to).
 *
 * <p>Knobs: drop the next n UDP queries, delay answers, answer every UDP query with TC set (the
 * full answer then comes over TCP), answer with a fixed RCODE. It counts queries per name and type.
 * Plain Java threads, blocking sockets: it shares nothing with the Vert.x instance under test.
 */
public final class TestDnsServer implements AutoCloseable {
  private final DatagramSocket udp;
  private final ServerSocket tcp;
  private final List<DnsRecord> zone = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();
  private final AtomicInteger tcpTotal = new AtomicInteger();
  private final AtomicInteger dropNext = new AtomicInteger();
  private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor();
  private volatile long delayMs;
  private volatile boolean truncateUdp;
  private volatile int rcode = -1;
  private volatile boolean followCnames = true;
  private volatile SoaRecord soa =
      new SoaRecord("test", 3600, "ns.test", "hostmaster.test", 1, 3600, 600, 86400, 60);

  public TestDnsServer() throws IOException {
    DatagramSocket u = null;
    ServerSocket t = null;
    for (int i = 0; i < 20 && t == null; i++) {
      u = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      try {
        t = new ServerSocket(u.getLocalPort(), 16, InetAddress.getLoopbackAddress());
      } catch (IOException busy) {
        u.close();
      }
    }
    if (t == null) {
      throw new IOException("no port free for both UDP and TCP");
    }
    udp = u;
    tcp = t;
    start("test-dns-udp", this::serveUdp);
    start("test-dns-tcp", this::serveTcp);
  }

  int port() {
    return udp.getLocalPort();
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
  }

  public TestDnsServer add(DnsRecord... records) {
    zone.addAll(List.of(records));
    return this;
  }

  void clear() {
    zone.clear();
  }

  /** Negative answers carry this SOA's TTL and MINIMUM; null sends none. */
  void soa(long ttl, long minimum) {
    soa = new SoaRecord("test", ttl, "ns.test", "hostmaster.test", 1, 3600, 600, 86400, minimum);
  }

  void noSoa() {
    soa = null;
  }

  void dropNext(int n) {
    dropNext.set(n);
  }

  void delay(Duration d) {
    delayMs = d.toMillis();
  }

  void truncateUdp(boolean on) {
    truncateUdp = on;
  }

  /** Every answer has this RCODE and no records; -1 for normal answers. */
  void answerWithRcode(int rc) {
    rcode = rc;
  }

  void followCnames(boolean on) {
    followCnames = on;
  }

  /** Queries received for a name and type, over UDP and TCP, dropped ones included. */
  int queries(String name, RecordType type) {
    AtomicInteger n = counts.get(key(name, type));
    return n == null ? 0 : n.get();
  }

  public int queries() {
    return total.get();
  }

  int tcpQueries() {
    return tcpTotal.get();
  }

  @Override
  public void close() throws IOException {
    udp.close();
    tcp.close();
    delayed.shutdownNow();
  }

  private void serveUdp() {
    byte[] buf = new byte[4096];
    while (!udp.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        udp.receive(p);
      } catch (IOException closed) {
        return;
      }
      byte[] data = Arrays.copyOf(p.getData(), p.getLength());
      if (!(DnsMessage.decode(data) instanceof DnsDecoded.Message m)
          || m.message().questions().isEmpty()) {
        continue;
      }
      count(m.message());
      if (dropNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        continue;
      }
      DnsMessage answer = answer(m.message(), truncateUdp);
      InetSocketAddress to = (InetSocketAddress) p.getSocketAddress();
      send(() -> {
        byte[] out = answer.encode().getBytes();
        try {
          udp.send(new DatagramPacket(out, out.length, to));
        } catch (IOException ignored) {
          // the socket was closed by the test
        }
      });
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      try (Socket s = tcp.accept()) {
        s.setSoTimeout(5000);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] query = new byte[in.readUnsignedShort()];
        in.readFully(query);
        if (DnsMessage.decode(query) instanceof DnsDecoded.Message m) {
          count(m.message());
          tcpTotal.incrementAndGet();
          byte[] out = answer(m.message(), false).encode().getBytes();
          DataOutputStream o = new DataOutputStream(s.getOutputStream());
          o.writeShort(out.length);
          o.write(out);
          o.flush();
        }
      } catch (SocketException closed) {
        if (tcp.isClosed()) {
          return;
        }
      } catch (IOException ignored) {
        // a client that went away
      }
    }
  }

  private void send(Runnable r) {
    if (delayMs > 0) {
      delayed.schedule(r, delayMs, TimeUnit.MILLISECONDS);
    } else {
      r.run();
    }
  }

  private void count(DnsMessage query) {
    DnsQuestion q = query.questions().get(0);
    total.incrementAndGet();
    counts.computeIfAbsent(key(q.name(), q.type()), k -> new AtomicInteger()).incrementAndGet();
  }

  DnsMessage answer(DnsMessage query, boolean truncated) {
    DnsQuestion q = query.questions().get(0);
    DnsMessage.Flags flags = query.flags();
    if (rcode >= 0) {
      return new DnsMessage(query.id(), flags.answer(true, false, rcode), query.questions(),
          List.of(), List.of(), List.of());
    }
    if (truncated) {
      return new DnsMessage(query.id(), flags.answer(true, true, DnsMessage.NOERROR),
          query.questions(), List.of(), List.of(), List.of());
    }
    List<DnsRecord> answers = new ArrayList<>();
    String name = q.name();
    for (int hops = 0; hops < 10; hops++) {
      List<DnsRecord> found = at(name, q.type());
      if (!found.isEmpty()) {
        answers.addAll(found);
        break;
      }
      List<DnsRecord> alias = at(name, RecordType.CNAME);
      if (alias.isEmpty()) {
        break;
      }
      answers.add(alias.get(0));
      name = ((CnameRecord) alias.get(0)).target();
      if (!followCnames) {
        break;
      }
    }
    boolean exists = !answers.isEmpty()
        || zone.stream().anyMatch(r -> r.name().equalsIgnoreCase(q.name()));
    boolean positive = answers.stream().anyMatch(r -> r.type() == q.type())
        || !followCnames && !answers.isEmpty();
    List<DnsRecord> authority = positive || soa == null ? List.of() : List.of(soa);
    int rc = exists ? DnsMessage.NOERROR : DnsMessage.NXDOMAIN;
    return new DnsMessage(query.id(), flags.answer(true, false, rc), query.questions(), answers,
        authority, List.of());
  }

  private List<DnsRecord> at(String name, RecordType type) {
    List<DnsRecord> out = new ArrayList<>();
    for (DnsRecord r : zone) {
      if (r.name().equalsIgnoreCase(name) && r.type() == type) {
        out.add(r);
      }
    }
    return out;
  }

  private static String key(String name, RecordType type) {
    return name.toLowerCase(Locale.ROOT) + "/" + type;
  }

  private static void start(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }
}

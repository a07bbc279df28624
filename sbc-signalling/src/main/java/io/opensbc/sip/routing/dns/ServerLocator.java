package io.opensbc.sip.routing.dns;

import io.opensbc.sip.routing.dns.DnsException.Reason;
import io.opensbc.sip.routing.dns.DnsRecord.ARecord;
import io.opensbc.sip.routing.dns.DnsRecord.NaptrRecord;
import io.opensbc.sip.routing.dns.DnsRecord.SrvRecord;
import io.vertx.core.Future;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Locating SIP servers (RFC 3263 §4): from a {@link SipTarget} to the ordered list of addresses,
 * ports and transports to try.
 *
 * <ol>
 *   <li>A numeric host is used as it is, on the explicit port or the transport's default.
 *   <li>An explicit port: A and AAAA of the host, on that port.
 *   <li>An explicit transport: SRV of {@code _sip._udp}/{@code _sip._tcp}/{@code _sips._tcp} for
 *       it, else A/AAAA on its default port.
 *   <li>Otherwise NAPTR of the host, keeping records with flag "S" and a service we support
 *       (SIP+D2U, SIP+D2T, SIPS+D2T; only SIPS+D2T for a SIPS URI), of the lowest ORDER among them
 *       (RFC 3403 §4.1: records of another order must not be considered), by PREFERENCE; each
 *       replacement is looked up as SRV. Without usable NAPTR records (or when their SRV names
 *       have no records at all), SRV of {@code _sip._udp}, {@code _sip._tcp} and {@code _sips._tcp} in that
 *       order ({@code _sips._tcp} only for a SIPS URI). Without any SRV record, A/AAAA of the host
 *       on the default port of UDP (SIP) or TLS (SIPS). An SRV target of "." means the service
 *       is not available (RFC 2782): it gives no target, and no A/AAAA fallback.
 *   <li>Every SRV RRset is ordered by {@link SrvOrder} (priority, then weighted random), each SRV
 *       target looked up as A then AAAA, and the targets listed in that order, duplicates dropped.
 * </ol>
 *
 * Independent lookups run in parallel. A lookup that fails (timeout, server failure) counts as no
 * records; when nothing is left, the result fails with that {@link DnsException}, else with
 * {@link Reason#NO_TARGETS}. NAPTR records with other flags (non-terminal rewrites, "U", "A", "P")
 * are ignored, and so is the additional section of answers.
 *
 * <p>Stateless apart from the resolver's cache; the random source must be safe for the threads the
 * futures complete on (e.g. {@link java.util.Random}, or a seeded one in tests).
 */
public final class ServerLocator {
  private static final List<SipTransport> SIP_SRV_ORDER =
      List.of(SipTransport.UDP, SipTransport.TCP, SipTransport.TLS);

  private final DnsResolver resolver;
  private final RandomGenerator random;

  public ServerLocator(DnsResolver resolver, RandomGenerator random) {
    this.resolver = resolver;
    this.random = random;
  }

  /** The targets to try, in order. Fails with a {@link DnsException} when there is none. */
  public Future<List<Target>> locate(SipTarget target) {
    return resolve(target).map(Location::targets);
  }

  /** The targets to try, in order, and how long they may be used before locating again. */
  public Future<Location> resolve(SipTarget target) {
    return new Run(target).start();
  }

  /** One location: its lookups, the smallest TTL seen, the last failure. */
  private final class Run {
    private final SipTarget target;
    private Duration ttl;
    private DnsException failure;
    /** Whether any SRV record was found, even one of "." ("decidedly not available"). */
    private boolean srvFound;

    Run(SipTarget target) {
      this.target = target;
      this.ttl = resolver.settings().maxTtl();
    }

    Future<Location> start() {
      SipTransport transport = target.defaultTransport();
      InetAddress ip = target.numericHost();
      if (ip != null) {
        int port = target.port() > 0 ? target.port() : transport.defaultPort();
        return done(List.of(new Target(ip, port, transport)));
      }
      if (target.port() > 0) {
        return addresses(target.host(), target.port(), transport).compose(this::done);
      }
      if (target.transport() != null) {
        return srv(List.of(new Service(transport, transport.srvName(target.host()))))
            .compose(this::fromSrv);
      }
      return lookup(target.host(), RecordType.NAPTR).compose(naptr -> {
        List<Service> services = services(naptr.records(NaptrRecord.class), target.secure());
        if (services.isEmpty()) {
          return srv(fallbackServices()).compose(this::fromSrv);
        }
        return srv(services).compose(found -> found.isEmpty() && !srvFound
            ? srv(fallbackServices()).compose(this::fromSrv)
            : fromSrv(found));
      });
    }

    /** The SRV records found (in order, with their transport), or A/AAAA when there are none. */
    private Future<Location> fromSrv(List<ServiceRecord> found) {
      if (found.isEmpty() && !srvFound) {
        SipTransport transport = target.defaultTransport();
        return addresses(target.host(), transport.defaultPort(), transport).compose(this::done);
      }
      List<Future<List<Target>>> each = new ArrayList<>();
      for (ServiceRecord s : found) {
        each.add(addresses(s.record().target(), s.record().port(), s.transport()));
      }
      return Future.all(each).compose(all -> {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
          targets.addAll(all.<List<Target>>resultAt(i));
        }
        return done(targets);
      });
    }

    /**
     * The SRV records of the services, each RRset ordered by {@link SrvOrder}, RRsets in the order
     * of the services. A record set of only "." targets gives nothing.
     */
    private Future<List<ServiceRecord>> srv(List<Service> services) {
      List<Future<DnsAnswer>> each = new ArrayList<>();
      for (Service s : services) {
        each.add(lookup(s.srvName(), RecordType.SRV));
      }
      return Future.all(each).map(all -> {
        List<ServiceRecord> out = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
          List<SrvRecord> records = all.<DnsAnswer>resultAt(i).records(SrvRecord.class);
          srvFound |= !records.isEmpty();
          for (SrvRecord r : SrvOrder.order(records, random)) {
            out.add(new ServiceRecord(services.get(i).transport(), r));
          }
        }
        return out;
      });
    }

    /** A then AAAA of a host, each address on the port with the transport. */
    private Future<List<Target>> addresses(String host, int port, SipTransport transport) {
      Future<DnsAnswer> v4 = lookup(host, RecordType.A);
      Future<DnsAnswer> v6 = lookup(host, RecordType.AAAA);
      return Future.all(v4, v6).map(all -> {
        List<Target> out = new ArrayList<>();
        for (DnsAnswer a : List.of(v4.result(), v6.result())) {
          for (ARecord r : a.records(ARecord.class)) {
            out.add(new Target(r.address(), port, transport));
          }
        }
        return out;
      });
    }

    /** A lookup whose failure is remembered and counts as an empty answer. */
    private Future<DnsAnswer> lookup(String name, RecordType type) {
      DnsQuestion q = new DnsQuestion(name, type);
      return resolver.lookup(name, type).transform(ar -> {
        if (ar.succeeded()) {
          ttl = ar.result().ttl().compareTo(ttl) < 0 ? ar.result().ttl() : ttl;
          return Future.succeededFuture(ar.result());
        }
        failure = ar.cause() instanceof DnsException e
            ? e
            : new DnsException(q, Reason.SERVER_FAILURE, String.valueOf(ar.cause()));
        return Future.succeededFuture(new DnsAnswer(q, DnsAnswer.Status.NODATA, List.of(), ttl));
      });
    }

    private List<Service> fallbackServices() {
      List<Service> out = new ArrayList<>();
      for (SipTransport t : SIP_SRV_ORDER) {
        if (!target.secure() || t == SipTransport.TLS) {
          out.add(new Service(t, t.srvName(target.host())));
        }
      }
      return out;
    }

    private Future<Location> done(List<Target> targets) {
      Set<Target> unique = new LinkedHashSet<>(targets);
      if (unique.isEmpty()) {
        DnsException why = failure != null
            ? new DnsException(failure.question(), failure.reason(),
                target.host() + ": " + failure.getMessage())
            : new DnsException(null, Reason.NO_TARGETS,
                target.host() + ": no SIP server found in DNS");
        return Future.failedFuture(why);
      }
      return Future.succeededFuture(new Location(new ArrayList<>(unique), ttl));
    }
  }

  /** A transport and the SRV name to look up for it. */
  record Service(SipTransport transport, String srvName) {}

  /** An SRV record and the transport its service offers. */
  record ServiceRecord(SipTransport transport, SrvRecord record) {}

  /**
   * RFC 3263 §4.1 over RFC 3403: the NAPTR records with flag "S", an empty regexp, a replacement
   * and a service we support (for a SIPS URI only SIPS+D2T), of the lowest ORDER among those, by
   * PREFERENCE.
   */
  static List<Service> services(List<NaptrRecord> records, boolean secure) {
    List<NaptrRecord> usable = new ArrayList<>();
    for (NaptrRecord r : records) {
      SipTransport t = SipTransport.ofNaptrService(r.service());
      if (t != null && (!secure || t == SipTransport.TLS) && r.flags().equalsIgnoreCase("s")
          && r.regexp().isEmpty() && !r.replacement().isEmpty()) {
        usable.add(r);
      }
    }
    usable.sort(Comparator.comparingInt(NaptrRecord::order)
        .thenComparingInt(NaptrRecord::preference));
    List<Service> out = new ArrayList<>();
    for (NaptrRecord r : usable) {
      if (r.order() == usable.get(0).order()) {
        out.add(new Service(SipTransport.ofNaptrService(r.service()), r.replacement()));
      }
    }
    return out;
  }
}

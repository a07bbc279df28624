package io.opensbc.sip.routing.dns;

import io.netty.util.NetUtil;
import io.opensbc.sip.message.Parsed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link DnsResolver} talks to its servers and caches what they say.
 *
 * @param servers recursive name servers as IP literals, asked in turn (the first one first)
 * @param timeout how long to wait for an answer to one try before the next try
 * @param attempts how many rounds over the server list before giving up: at most
 *     {@code attempts * servers.size()} tries per query
 * @param maxOutstanding queries in flight at once; a query beyond that fails at once
 * @param maxCacheEntries answers kept (least recently used dropped first)
 * @param minTtl shortest time an answer is cached, positive or negative
 * @param maxTtl longest time an answer is cached, whatever its TTL says
 */
public record DnsSettings(List<InetSocketAddress> servers, Duration timeout, int attempts,
    int maxOutstanding, int maxCacheEntries, Duration minTtl, Duration maxTtl) {

  public static final int DNS_PORT = 53;
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
  public static final int DEFAULT_ATTEMPTS = 2;
  public static final int DEFAULT_MAX_OUTSTANDING = 256;
  /** Half the 16-bit ID space, so a free query ID is always quick to find. */
  public static final int MAX_OUTSTANDING_LIMIT = 32768;
  public static final int DEFAULT_MAX_CACHE_ENTRIES = 4096;
  public static final Duration DEFAULT_MIN_TTL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_TTL = Duration.ofMinutes(10);
  /** Where {@link #system()} reads the name servers from. */
  public static final Path RESOLV_CONF = Path.of("/etc/resolv.conf");
  /** The server used when resolv.conf names none (what the C library does too). */
  public static final InetSocketAddress LOCAL_SERVER =
      new InetSocketAddress(NetUtil.LOCALHOST4, DNS_PORT);

  public DnsSettings {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("at least one DNS server is needed");
    }
    for (InetSocketAddress s : servers) {
      if (s.isUnresolved()) {
        throw new IllegalArgumentException("DNS server must be an IP address: " + s);
      }
    }
    if (timeout.isNegative() || timeout.isZero() || attempts < 1 || maxOutstanding < 1
        || maxOutstanding > MAX_OUTSTANDING_LIMIT
        || maxCacheEntries < 0 || minTtl.isNegative() || maxTtl.compareTo(minTtl) < 0) {
      throw new IllegalArgumentException("invalid DNS settings: timeout " + timeout + ", attempts "
          + attempts + ", outstanding " + maxOutstanding + ", cache " + maxCacheEntries + ", ttl "
          + minTtl + ".." + maxTtl);
    }
  }

  /** These servers with the default timeout, attempts, limits and TTL bounds. */
  public static DnsSettings of(List<InetSocketAddress> servers) {
    return new DnsSettings(servers, DEFAULT_TIMEOUT, DEFAULT_ATTEMPTS, DEFAULT_MAX_OUTSTANDING,
        DEFAULT_MAX_CACHE_ENTRIES, DEFAULT_MIN_TTL, DEFAULT_MAX_TTL);
  }

  /**
   * The settings of {@code sip.dns}: its servers (those of {@link #system()} when it lists none),
   * with its timeout and attempts. Entries were checked when the configuration was loaded; one that
   * still does not parse is skipped. May read a file: call it at start-up, not on an event loop.
   */
  public static DnsSettings of(io.opensbc.config.model.SipDns dns) {
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String s : dns.servers()) {
      if (server(s) instanceof io.opensbc.sip.message.Parsed.Ok<InetSocketAddress> ok) {
        servers.add(ok.value());
      }
    }
    DnsSettings base = servers.isEmpty() ? system() : of(servers);
    return base.withTimeout(dns.timeout()).withAttempts(dns.attempts());
  }

  /**
   * The settings of this host: {@link #fromResolvConf} of /etc/resolv.conf, or 127.0.0.1:53 when
   * it cannot be read. Reads a file: call it at start-up, not on an event loop.
   */
  public static DnsSettings system() {
    try {
      return fromResolvConf(Files.readString(RESOLV_CONF));
    } catch (IOException | RuntimeException e) {
      return of(List.of(LOCAL_SERVER));
    }
  }

  /**
   * Settings from resolv.conf(5) text: its {@code nameserver} lines (127.0.0.1:53 when there are
   * none) and its {@code options timeout:n attempts:n}; the rest defaults. {@code search} and
   * {@code domain} are not applied: trunk hosts are taken as fully qualified.
   */
  public static DnsSettings fromResolvConf(String text) {
    List<InetSocketAddress> servers = new ArrayList<>();
    Duration timeout = DEFAULT_TIMEOUT;
    int attempts = DEFAULT_ATTEMPTS;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      String[] words = line.split("\\s+");
      if (words.length >= 2 && words[0].equals("nameserver")) {
        InetAddress a = literal(words[1]);
        if (a != null) {
          servers.add(new InetSocketAddress(a, DNS_PORT));
        }
      } else if (words[0].equals("options")) {
        for (int i = 1; i < words.length; i++) {
          int n = optionValue(words[i]);
          if (words[i].startsWith("timeout:") && n >= 1) {
            timeout = Duration.ofSeconds(Math.min(n, 30));
          } else if (words[i].startsWith("attempts:") && n >= 1) {
            attempts = Math.min(n, 5);
          }
        }
      }
    }
    if (servers.isEmpty()) {
      servers.add(LOCAL_SERVER);
    }
    return of(servers).withTimeout(timeout).withAttempts(attempts);
  }

  /**
   * A server as {@code ip}, {@code ip:port}, {@code [ipv6]} or {@code [ipv6]:port} (port 53 by
   * default). Host names are refused: the resolver cannot resolve its own servers.
   */
  public static Parsed<InetSocketAddress> server(String text) {
    String host = text.strip();
    int port = DNS_PORT;
    if (host.startsWith("[")) {
      int close = host.indexOf(']');
      if (close < 0) {
        return Parsed.malformed("unclosed '[' in DNS server '" + text + "'");
      }
      String rest = host.substring(close + 1);
      host = host.substring(1, close);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return Parsed.malformed("unexpected text after ']' in DNS server '" + text + "'");
        }
        port = number(rest.substring(1));
      }
    } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
      port = number(host.substring(host.indexOf(':') + 1));
      host = host.substring(0, host.indexOf(':'));
    }
    if (port < 1) {
      return Parsed.malformed("DNS server port must be 1-65535 in '" + text + "'");
    }
    InetAddress a = literal(host);
    if (a == null) {
      return Parsed.malformed("DNS server must be an IP address: '" + text + "'");
    }
    return Parsed.ok(new InetSocketAddress(a, port));
  }

  public DnsSettings withServers(List<InetSocketAddress> s) {
    return new DnsSettings(s, timeout, attempts, maxOutstanding, maxCacheEntries, minTtl, maxTtl);
  }

  public DnsSettings withTimeout(Duration t) {
    return new DnsSettings(servers, t, attempts, maxOutstanding, maxCacheEntries, minTtl, maxTtl);
  }

  public DnsSettings withAttempts(int a) {
    return new DnsSettings(servers, timeout, a, maxOutstanding, maxCacheEntries, minTtl, maxTtl);
  }

  public DnsSettings withMaxOutstanding(int n) {
    return new DnsSettings(servers, timeout, attempts, n, maxCacheEntries, minTtl, maxTtl);
  }

  public DnsSettings withCache(int entries, Duration min, Duration max) {
    return new DnsSettings(servers, timeout, attempts, maxOutstanding, entries, min, max);
  }

  /** An IP literal without any lookup, or null when the text is not one. */
  static InetAddress literal(String text) {
    int scope = text.indexOf('%');
    String t = scope >= 0 ? text.substring(0, scope) : text;
    return NetUtil.isValidIpV4Address(t) || NetUtil.isValidIpV6Address(t)
        ? NetUtil.createInetAddressFromIpAddressString(t)
        : null;
  }

  private static int optionValue(String option) {
    int colon = option.indexOf(':');
    return colon < 0 ? -1 : number(option.substring(colon + 1));
  }

  private static int number(String s) {
    if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int p = Integer.parseInt(s);
    return p <= 65535 ? p : -1;
  }
}

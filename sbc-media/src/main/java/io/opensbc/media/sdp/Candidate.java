package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An ICE candidate {@code a=candidate:<foundation> <component-id> <transport> <priority>
 * <connection-address> <port> typ <cand-type> [raddr <addr>] [rport <port>] *(<name> <value>)}
 * (RFC 8839 §5.1, the grammar of RFC 5245 §15.1).
 */
public record Candidate(
    String foundation,
    int component,
    String transport,
    long priority,
    String address,
    int port,
    String type,
    Optional<String> relatedAddress,
    OptionalInt relatedPort,
    List<Extension> extensions) {

  /** Host candidate type preference (RFC 8445 §5.1.2.2). */
  private static final int HOST_TYPE_PREFERENCE = 126;

  /** One {@code <extension-att-name> <extension-att-value>} pair, e.g. {@code generation 0}. */
  public record Extension(String name, String value) {}

  public Candidate {
    Objects.requireNonNull(foundation, "foundation");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(relatedAddress, "relatedAddress");
    Objects.requireNonNull(relatedPort, "relatedPort");
    extensions = List.copyOf(extensions);
  }

  /**
   * A UDP host candidate with the recommended priority of RFC 8445 §5.1.2.1: type preference 126,
   * local preference 65535, so component 1 gets 2130706431.
   */
  public static Candidate host(String foundation, int component, String address, int port) {
    long priority = ((long) HOST_TYPE_PREFERENCE << 24) + (65535L << 8) + (256 - component);
    return new Candidate(foundation, component, "UDP", priority, address, port, "host",
        Optional.empty(), OptionalInt.empty(), List.of());
  }

  /** Parses the attribute value (after {@code candidate:}). */
  public static SdpParse<Candidate> parse(String value) {
    List<String> f = Syntax.fields(value);
    if (f.size() < 8 || !f.get(6).equals("typ")) {
      return SdpParse.malformed(
          "candidate: expected <foundation> <component> <transport> <priority> <address> <port>"
              + " typ <type>");
    }
    if (!Syntax.isIceChars(f.get(0), 1, 32)) {
      return SdpParse.malformed("candidate: foundation is not 1 to 32 ice-chars");
    }
    int component = Syntax.parseInt(f.get(1), 1, 256);
    long priority = Syntax.parseLong(f.get(3), 1, 0xFFFF_FFFFL);
    int port = Syntax.parseInt(f.get(5), 0, 65535);
    if (component < 0 || priority < 0 || port < 0) {
      return SdpParse.malformed("candidate: component, priority or port out of range");
    }
    if (!Syntax.isToken(f.get(2)) || !Syntax.isToken(f.get(7)) || !isAddress(f.get(4))) {
      return SdpParse.malformed("candidate: transport, address or type is malformed");
    }
    if ((f.size() - 8) % 2 != 0) {
      return SdpParse.malformed("candidate: extensions must be <name> <value> pairs");
    }
    Optional<String> raddr = Optional.empty();
    OptionalInt rport = OptionalInt.empty();
    List<Extension> extensions = new ArrayList<>();
    for (int i = 8; i < f.size(); i += 2) {
      String name = f.get(i);
      String v = f.get(i + 1);
      if (name.equals("raddr") && extensions.isEmpty() && raddr.isEmpty() && isAddress(v)) {
        raddr = Optional.of(v);
      } else if (name.equals("rport") && extensions.isEmpty() && rport.isEmpty()) {
        int p = Syntax.parseInt(v, 0, 65535);
        if (p < 0) {
          return SdpParse.malformed("candidate: rport is not a port");
        }
        rport = OptionalInt.of(p);
      } else if (Syntax.isToken(name)) {
        extensions.add(new Extension(name, v));
      } else {
        return SdpParse.malformed("candidate: extension name is not a token");
      }
    }
    return SdpParse.ok(new Candidate(f.get(0), component, f.get(2), priority, f.get(4), port,
        f.get(7), raddr, rport, extensions));
  }

  private static boolean isAddress(String s) {
    return Syntax.isIp4(s) || Syntax.isIp6(s) || Syntax.isHostName(s);
  }

  /** The attribute value (after {@code candidate:}). */
  public String value() {
    StringBuilder b = new StringBuilder()
        .append(foundation).append(' ').append(component).append(' ').append(transport)
        .append(' ').append(priority).append(' ').append(address).append(' ').append(port)
        .append(" typ ").append(type);
    relatedAddress.ifPresent(a -> b.append(" raddr ").append(a));
    relatedPort.ifPresent(p -> b.append(" rport ").append(p));
    for (Extension e : extensions) {
      b.append(' ').append(e.name()).append(' ').append(e.value());
    }
    return b.toString();
  }
}

package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.SipDns;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/** Reads {@code sip.dns} (docs/configuration.md): the name servers for RFC 3263 location. */
final class DnsBinder {
  static final String[] KEYS = {"servers", "timeout", "attempts"};
  static final String SERVER = "an IP address with an optional port: 192.0.2.53, 192.0.2.53:5353, [2001:db8::53]:53";
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private DnsBinder() {}

  static SipDns dns(Section s, Violations v) {
    List<String> servers = new ArrayList<>();
    List<Node> nodes = s.sequence("servers", "a list of " + SERVER);
    for (int i = 0; i < nodes.size(); i++) {
      String path = s.child("servers") + "[" + i + "]";
      String text = RuleValues.scalar(nodes.get(i), path, "a name server", SERVER, v);
      if (text == null) {
        continue;
      }
      String problem = problem(text.trim());
      if (problem != null) {
        v.add(path, problem);
      } else {
        servers.add(text.trim());
      }
    }
    return new SipDns(
        servers,
        s.duration("timeout", Defaults.DNS_TIMEOUT, DurationRule.POSITIVE),
        s.integer("attempts", Defaults.DNS_ATTEMPTS, IntRule.POSITIVE));
  }

  /** What is wrong with one {@code servers} entry, or null. */
  static String problem(String server) {
    String host = server;
    String port = null;
    if (server.startsWith("[")) {
      int close = server.indexOf(']');
      if (close < 0) {
        return "'" + server + "' has no closing ']' (allowed: " + SERVER + ")";
      }
      host = server.substring(1, close);
      String rest = server.substring(close + 1);
      if (!rest.isEmpty()) {
        if (!rest.startsWith(":")) {
          return "'" + server + "' is not an address (allowed: " + SERVER + ")";
        }
        port = rest.substring(1);
      }
      if (!IPV6.matcher(host).matches()) {
        return "'" + host + "' is not an IPv6 address (allowed: " + SERVER + ")";
      }
    } else if (server.indexOf(':') == server.lastIndexOf(':') && server.indexOf(':') > 0) {
      host = server.substring(0, server.indexOf(':'));
      port = server.substring(server.indexOf(':') + 1);
    }
    if (!IPV4.matcher(host).matches() && !(server.startsWith("[") || IPV6.matcher(host).matches())) {
      return "'" + host + "' is not an IP address: name servers are given by address (allowed: " + SERVER + ")";
    }
    if (port != null) {
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return "port '" + port + "' is not 1-65535 (allowed: " + SERVER + ")";
      }
    }
    return null;
  }
}

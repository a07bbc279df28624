package io.opensbc.cluster.node;

import java.util.Locale;

/**
 * A node's name as it goes on the wire, in our Call-IDs and tags (docs/cluster.md): the
 * configured {@code node.name} in lower case, letters and digits only, at most 16 characters
 * ({@code "n"} when nothing is left). Two nodes of a cluster must not share it.
 */
final class NodeNames {
  static final int MAX = 16;

  private NodeNames() {}

  static String onTheWire(String name) {
    StringBuilder sb = new StringBuilder(MAX);
    for (char ch : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (sb.length() < MAX && (ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9')) {
        sb.append(ch);
      }
    }
    return sb.length() == 0 ? "n" : sb.toString();
  }
}

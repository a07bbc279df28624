package io.opensbc.sip.security;

import java.util.ArrayList;
import java.util.List;

/** The stored form of an address-of-record's bindings: one {@link Binding#encode()} line each. */
public final class Bindings {
  private Bindings() {}

  public static String encode(List<Binding> bindings) {
    StringBuilder sb = new StringBuilder();
    for (Binding b : bindings) {
      sb.append(b.encode()).append('\n');
    }
    return sb.toString();
  }

  public static List<Binding> decode(String text) {
    List<Binding> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String line : text.split("\n")) {
      if (!line.isEmpty()) {
        out.add(Binding.decode(line));
      }
    }
    return out;
  }

  /** The bindings still valid at {@code nowMillis}. */
  public static List<Binding> live(List<Binding> bindings, long nowMillis) {
    return bindings.stream().filter(b -> b.expiresAtMillis() > nowMillis).toList();
  }
}

package io.opensbc.config.model.rules;

import java.util.List;

/**
 * The rule sets a trunk attaches, by name, for each direction; they run in this order.
 */
public record TrunkRules(List<String> inbound, List<String> outbound) {
  public static final TrunkRules NONE = new TrunkRules(List.of(), List.of());

  public TrunkRules {
    inbound = inbound == null ? List.of() : List.copyOf(inbound);
    outbound = outbound == null ? List.of() : List.copyOf(outbound);
  }

  public List<String> of(Direction d) {
    return d == Direction.INBOUND ? inbound : outbound;
  }
}

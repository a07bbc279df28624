package io.opensbc.config.model.rules;

import java.util.List;

/**
 * How a trunk's failure responses are translated before they are relayed (docs/rules.md).
 *
 * @param q850Table apply the shipped SIP &lt;-&gt; Q.850 table (RFC 3398 / RFC 4497 / RFC 6432)
 *     after the trunk's own entries: a failure response without a Q.850 Reason gets one
 * @param entries the trunk's own mappings, tried in order; the first that matches wins
 */
public record ResponseMap(boolean q850Table, List<ResponseMapping> entries) {
  public static final ResponseMap NONE = new ResponseMap(false, List.of());

  public ResponseMap {
    entries = entries == null ? List.of() : List.copyOf(entries);
  }

  public boolean isEmpty() {
    return !q850Table && entries.isEmpty();
  }
}

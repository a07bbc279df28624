package io.opensbc.config.model.rules;

import java.util.List;

/** A named, ordered list of rules that trunks attach by name for a direction. */
public record RuleSet(String name, List<Rule> rules) {
  public RuleSet {
    rules = List.copyOf(rules);
  }
}

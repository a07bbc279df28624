package io.opensbc.config.model.rules;

import java.util.List;

/**
 * One message-manipulation rule: when the selector and the condition hold, the actions run in order.
 *
 * @param name unique within its rule set; rule hits are reported as {@code set/name}
 * @param line the line of the rule in the configuration file (0 when compiled from a policy)
 */
public record Rule(String name, Selector selector, Condition condition, List<Action> actions, int line) {
  public Rule {
    condition = condition == null ? Condition.ALWAYS : condition;
    actions = List.copyOf(actions);
  }
}

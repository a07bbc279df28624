package io.opensbc.sip.rules;

import io.opensbc.sip.message.SipMessage;
import java.util.List;

/**
 * What the rules did to one message: the message to carry on with (the original when nothing
 * changed); the ids of the rules whose selector and condition held ({@code matched}, in order) and
 * of those that changed the message ({@code changedBy}); a rejection when a rule refused a request
 * ({@code rejectStatus} 0: none). Rule ids are {@code set/rule} or a policy name.
 */
public record RuleOutcome(SipMessage message, List<String> matched, List<String> changedBy, int rejectStatus,
    String rejectReason) {
  public RuleOutcome {
    matched = List.copyOf(matched);
    changedBy = List.copyOf(changedBy);
  }

  public boolean rejected() {
    return rejectStatus != 0;
  }

  public boolean changed() {
    return !changedBy.isEmpty();
  }
}

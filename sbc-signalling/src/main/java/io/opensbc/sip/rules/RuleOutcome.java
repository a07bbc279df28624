package io.opensbc.sip.rules;

import io.opensbc.sip.message.SipMessage;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * What the rules did to one message: the message to carry on with (the original when nothing
 * changed); the ids of the rules whose selector and condition held ({@code matched}, in order) and
 * of those that changed the message ({@code changedBy}); a rejection when a rule refused a request
 * ({@code rejectStatus} 0: none). Rule ids are {@code set/rule} or a policy name.
 */
public record RuleOutcome(SipMessage message, List<String> matched, List<String> changedBy, int rejectStatus,
    String rejectReason) {
  public RuleOutcome {
    matched = matched instanceof Ids ? matched : List.copyOf(matched);
    changedBy = changedBy instanceof Ids ? changedBy : List.copyOf(changedBy);
  }

  public boolean rejected() {
    return rejectStatus != 0;
  }

  public boolean changed() {
    return !changedBy.isEmpty();
  }

  /**
   * The first {@code size} ids of an array that the rule book filled for this outcome alone and
   * hands over: immutable, and not copied again.
   */
  static final class Ids extends AbstractList<String> implements RandomAccess {
    private final String[] ids;
    private final int size;

    Ids(String[] ids, int size) {
      this.ids = ids;
      this.size = size;
    }

    @Override
    public String get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return ids[index];
    }

    @Override
    public int size() {
      return size;
    }
  }
}

package io.opensbc.config.model.rules;

import java.util.List;
import java.util.regex.Pattern;

/** When a rule applies, beyond its selector. Conditions combine with all / any / not. */
public sealed interface Condition {
  /** Always true: a rule without {@code if}. */
  Condition ALWAYS = new All(List.of());

  record All(List<Condition> conditions) implements Condition {
    public All {
      conditions = List.copyOf(conditions);
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    public Any {
      conditions = List.copyOf(conditions);
    }
  }

  record Not(Condition condition) implements Condition {}

  /** The field exists (header present, parameter present, URI has a user part). */
  record Present(FieldRef field) implements Condition {}

  record Absent(FieldRef field) implements Condition {}

  /** The field's value equals {@code value} (case-insensitively when {@code ignoreCase}). */
  record Equals(FieldRef field, String value, boolean ignoreCase) implements Condition {}

  /** The field's value contains a match of {@code regex} ({@link java.util.regex.Matcher#find()}). */
  record Matches(FieldRef field, Pattern regex) implements Condition {
    @Override
    public boolean equals(Object o) {
      return o instanceof Matches m && field.equals(m.field) && regex.pattern().equals(m.regex.pattern());
    }

    @Override
    public int hashCode() {
      return field.hashCode() * 31 + regex.pattern().hashCode();
    }
  }

  /** The field, read as a telephone number, is in one of the ranges. */
  record InRange(FieldRef field, List<NumberRange> ranges) implements Condition {
    public InRange {
      ranges = List.copyOf(ranges);
    }
  }

  /** The message came from (inbound) or goes to (outbound) a call whose other leg is this trunk. */
  record SourceTrunk(String trunk) implements Condition {}

  /** The call arrived on this listener. */
  record Listener(String listener) implements Condition {}
}

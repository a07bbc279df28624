package io.opensbc.config.model.rules;

import java.util.regex.Pattern;

/** What a rule does to a message, in order. */
public sealed interface Action {
  /** Appends a header field. */
  record AddHeader(String name, String value) implements Action {}

  /** Removes every field of a header. */
  record RemoveHeader(String name) implements Action {}

  /** Replaces every field of a header with one value, adding it when absent. */
  record ReplaceHeader(String name, String value) implements Action {}

  /** Sets a field (a user, host, display name or parameter; a whole header value). */
  record Set(FieldRef field, String value) implements Action {}

  /** Removes a field (a parameter, a display name, a whole header). */
  record Remove(FieldRef field) implements Action {}

  /** Changes a response's status code and reason phrase (final non-2xx responses only). */
  record SetStatus(int status, String reason) implements Action {}

  record AddPrefix(FieldRef field, String prefix) implements Action {}

  /** Removes {@code prefix} when the value starts with it. */
  record StripPrefix(FieldRef field, String prefix) implements Action {}

  record AddSuffix(FieldRef field, String suffix) implements Action {}

  record StripSuffix(FieldRef field, String suffix) implements Action {}

  /**
   * Rewrites a national or international-format number to E.164 ({@code +CC...}): a leading
   * {@code internationalPrefix} becomes {@code +}, a leading {@code nationalPrefix} becomes
   * {@code +countryCode}; a number already starting with {@code +} is left alone.
   */
  record NormaliseE164(FieldRef field, String countryCode, String nationalPrefix, String internationalPrefix)
      implements Action {}

  /** Replaces every match of {@code regex} with {@code replacement} ($1.. for capture groups). */
  record RegexReplace(FieldRef field, Pattern regex, String replacement) implements Action {
    @Override
    public boolean equals(Object o) {
      return o instanceof RegexReplace r && field.equals(r.field) && regex.pattern().equals(r.regex.pattern())
          && replacement.equals(r.replacement);
    }

    @Override
    public int hashCode() {
      return field.hashCode() * 31 + regex.pattern().hashCode();
    }
  }

  /** Copies the value of one field to another (absent source: nothing happens). */
  record Copy(FieldRef from, FieldRef to) implements Action {}

  /** Refuses the request with this status; no rule after it runs (requests only). */
  record Reject(int status, String reason) implements Action {}
}

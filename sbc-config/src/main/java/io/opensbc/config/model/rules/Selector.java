package io.opensbc.config.model.rules;

/**
 * Which messages a rule looks at, written {@code METHOD} (requests) or {@code METHOD response
 * CODE|Nxx|any} (responses to that method); METHOD may be {@code *} for any method.
 *
 * @param method upper-case method name, or null for any
 * @param response true for responses, false for requests
 * @param lowStatus lowest status (inclusive) for responses, else 0
 * @param highStatus highest status (inclusive) for responses, else 0
 * @param text the selector as written
 */
public record Selector(String method, boolean response, int lowStatus, int highStatus, String text) {
  /** True when every status the selector takes is a final non-2xx response (300-699). */
  public boolean failureResponsesOnly() {
    return response && lowStatus >= 300 && highStatus <= 699;
  }

  @Override
  public String toString() {
    return text;
  }
}

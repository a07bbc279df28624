package io.opensbc.sip.rules;

import java.util.concurrent.atomic.LongAdder;

/**
 * A rule ready to run: the selector as plain fields, the condition and the actions as code, and
 * its hit counter. Immutable apart from the counter; shared by every shard.
 */
final class CompiledRule {
  /** A compiled condition. */
  @FunctionalInterface
  interface Test {
    boolean test(MessageEdit m);
  }

  /** A compiled action; returns true when it changed the message. */
  @FunctionalInterface
  interface Step {
    boolean run(MessageEdit m);
  }

  static final Test ALWAYS = m -> true;

  final String id;
  private final String method;
  private final boolean response;
  private final int lowStatus;
  private final int highStatus;
  final Test condition;
  final Step[] steps;
  final LongAdder hits;

  CompiledRule(String id, String method, boolean response, int lowStatus, int highStatus, Test condition,
      Step[] steps, LongAdder hits) {
    this.id = id;
    this.method = method == null ? null : io.opensbc.sip.message.SipRequest.method(method, method.length());
    this.response = response;
    this.lowStatus = lowStatus;
    this.highStatus = highStatus;
    this.condition = condition;
    this.steps = steps;
    this.hits = hits;
  }

  /** The selector: requests of the method, or responses to it within the status range. */
  boolean selects(boolean isRequest, String msgMethod, int status) {
    if (isRequest == response) {
      return false;
    }
    if (method != null && method != msgMethod && !method.equals(msgMethod)) {
      return false;
    }
    return !response || status >= lowStatus && status <= highStatus;
  }
}

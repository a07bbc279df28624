package io.opensbc.sip.transaction.fsm;

import java.util.List;

/** The result of one step: the next machine and the effects to run, in order. */
public record Transition<T>(T next, List<TxEffect> effects) {
  public Transition {
    effects = List.copyOf(effects);
  }

  /** The input does not apply: same machine, nothing to do. */
  public static <T> Transition<T> stay(T same) {
    return new Transition<>(same, List.of());
  }

  public static <T> Transition<T> of(T next, TxEffect... effects) {
    return new Transition<>(next, List.of(effects));
  }
}

package io.opensbc.sip.transaction.fsm;

import java.util.List;

/** The next state of a machine and the effects its shell must run, in order. */
public record Transition<T>(T next, List<TxEffect> effects) {
  public Transition {
    effects = List.copyOf(effects);
  }

  static <T> Transition<T> of(T next, TxEffect... effects) {
    return new Transition<>(next, List.of(effects));
  }
}

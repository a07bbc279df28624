/**
 * The RFC 3261 §17 transaction state machines, with RFC 6026's Accepted state, as pure
 * functions: {@code (state, input) -> Transition(next state, effects)}. No clock, no I/O, no
 * threads, no mutable state; may import only {@code io.opensbc.sip.message}.
 *
 * <p>Timers on reliable transports: where the RFC sets a timer to zero (D, I, J, K on TCP), the
 * machine goes straight to TERMINATED and emits {@link io.opensbc.sip.transaction.fsm.TxEffect.Terminated}
 * instead of starting a zero timer. Starting a timer that runs restarts it.
 */
package io.opensbc.sip.transaction.fsm;

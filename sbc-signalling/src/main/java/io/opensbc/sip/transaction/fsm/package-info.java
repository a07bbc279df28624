/**
 * Pure SIP transaction state machines: RFC 3261 §17 with the RFC 6026 corrections
 * ("Accepted" states, timers L and M).
 *
 * <p>Owns: the four transaction machines ({@link io.opensbc.sip.transaction.fsm.ClientInviteTransaction},
 * {@link io.opensbc.sip.transaction.fsm.ClientNonInviteTransaction},
 * {@link io.opensbc.sip.transaction.fsm.ServerInviteTransaction},
 * {@link io.opensbc.sip.transaction.fsm.ServerNonInviteTransaction}), their inputs
 * ({@link io.opensbc.sip.transaction.fsm.TxInput}), effects ({@link io.opensbc.sip.transaction.fsm.TxEffect}),
 * timer values ({@link io.opensbc.sip.transaction.fsm.TimerConfig}), the ACK for a non-2xx final
 * response ({@link io.opensbc.sip.transaction.fsm.AckFactory}) and transaction matching
 * ({@link io.opensbc.sip.transaction.fsm.TransactionKey}).
 *
 * <p>Every machine is an immutable record; {@code on(input)} returns a
 * {@link io.opensbc.sip.transaction.fsm.Transition} with the next machine and the effects a thin
 * shell (in {@code io.opensbc.sip.transaction}) runs: send, start/cancel timers, pass up, forget.
 * No clock, no I/O, no threads, no mutable state. An input that does not apply in a state gives
 * the same machine and no effects.
 *
 * <p><b>Zero-duration timers.</b> Where RFC 3261 gives a timer "a value of zero seconds for
 * reliable transports" (D, I, J, K), the machine does not emit {@code StartTimer(x, ZERO)}: it goes
 * straight to TERMINATED in the same transition and ends the effect list with
 * {@link io.opensbc.sip.transaction.fsm.TxEffect.Terminated}. So a {@code StartTimer} always has a
 * positive duration, and the retransmission timers A, E and G are never started on a reliable
 * transport.
 *
 * <p><b>Effect order.</b> Within one transition: messages (send / pass up / timeout / transport
 * failure) first, then {@code CancelTimer}s, then {@code StartTimer}s, {@code Terminated} last.
 * {@code Terminated} implies that the shell cancels every timer of the transaction, so no
 * {@code CancelTimer} precedes it.
 *
 * <p>Dependencies: may import only {@code io.opensbc.sip.message} (and, through it, the Vert.x
 * {@code Buffer} type that message bodies use) and {@code java.*}.
 */
package io.opensbc.sip.transaction.fsm;

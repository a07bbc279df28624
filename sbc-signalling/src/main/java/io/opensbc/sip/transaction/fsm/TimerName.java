package io.opensbc.sip.transaction.fsm;

/** The transaction timers of RFC 3261 §17 (A-K) and RFC 6026 (L, M). */
public enum TimerName { A, B, D, E, F, G, H, I, J, K, L, M }

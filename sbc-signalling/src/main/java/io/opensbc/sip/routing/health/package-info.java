/**
 * Trunk target health from OPTIONS keep-alives (docs/routing.md, "Trunk health").
 *
 * <p>Owns: target identity ({@link io.opensbc.sip.routing.health.TargetId}), the pure health state
 * machine ({@link io.opensbc.sip.routing.health.TargetHealth}: UP / DOWN / PROBING, fed with
 * {@link io.opensbc.sip.routing.health.ProbeResult}s), capabilities learned from OPTIONS answers
 * ({@link io.opensbc.sip.routing.health.Capabilities}), the store port every node routes on
 * ({@link io.opensbc.sip.routing.health.TrunkHealthStore}, versioned by a per-target sequence
 * number, with {@link io.opensbc.sip.routing.health.InMemoryTrunkHealthStore} for a standalone node
 * and {@link io.opensbc.sip.routing.health.TargetHealthCodec} for stores that keep bytes), and the
 * prober ({@link io.opensbc.sip.routing.health.OptionsProber}) that sends OPTIONS through an
 * injected {@link io.opensbc.sip.routing.health.ProbeSender}.
 *
 * <p>Threading: {@code TargetHealth} and the records are immutable. A prober lives on one context
 * and touches its state only there; time comes from an injected
 * {@link io.opensbc.sip.transaction.Timers} (monotonic, for timers and latency) and a wall clock
 * (only for the {@code since} shown to operators).
 *
 * <p>Dependencies: {@code java.*}, Vert.x core ({@code Future}, {@code Buffer}, {@code Context}),
 * {@code io.opensbc.config.model.routing} ({@code HealthCheck}), {@code io.opensbc.sip.message},
 * {@code io.opensbc.sip.routing.dns} ({@code SipTransport}) and {@code io.opensbc.sip.transaction}
 * ({@code Timers} only). Nothing here imports the B2BUA, dialogs or Hazelcast.
 */
package io.opensbc.sip.routing.health;

/**
 * Admission and flood control (docs/flood-control.md): the checks a new out-of-dialog request meets
 * before the B2BUA routes it — scanner filter, per-source rate, final-response replay for re-sent
 * INVITEs, event-loop lag, trunk limits and retry damping. Each is a small class the caller feeds
 * with the request and the time; none sends anything, so the caller decides what a verdict costs
 * on the wire. Every map keyed by something a peer controls is bounded.
 *
 * <p>Imports the message model and the configuration model; {@link
 * io.opensbc.sip.admission.LagMonitor} also uses Vert.x timers. Nothing here imports the
 * transaction, dialog or B2BUA packages.
 */
package io.opensbc.sip.admission;

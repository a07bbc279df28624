/**
 * Call ownership in a cluster (docs/cluster.md): which node carries each call. The owner is named
 * on the wire (our B-leg Call-IDs and A-side tags, {@code Ids}); a takeover is a fenced claim in the
 * Hazelcast map {@value io.opensbc.cluster.ownership.CallOwners#OWNERS}. {@link
 * io.opensbc.cluster.ownership.CallOwnership} steers each received message to its call's owner
 * over the clustered event bus, or adopts the call when the owner is gone. Imports the signalling
 * stack's ports ({@code CallSteering}, {@code SipStack}, {@code CallLogStore}) and Hazelcast.
 */
package io.opensbc.cluster.ownership;

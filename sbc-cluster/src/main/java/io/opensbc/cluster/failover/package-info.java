/**
 * What survivors do when a member leaves the cluster (docs/cluster.md, "Failover timeline"):
 * adopt the calls whose logs their partitions hold, bind the failed node's service addresses, and
 * let a passive node take new calls. Imports {@code ownership} and Hazelcast membership.
 */
package io.opensbc.cluster.failover;

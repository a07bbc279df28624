/**
 * The RTP/RTCP relay: the node's {@link io.opensbc.media.relay.PortPool}, the
 * {@link io.opensbc.media.relay.RelayVerticle} shards that own media sockets (Netty datagram
 * channels on their own event loops) and sessions, symmetric-RTP latching, and
 * {@link io.opensbc.media.relay.RelayControl}, the implementation of the control port.
 *
 * <p>Imports {@code io.opensbc.media.control}, Vert.x core and Netty; never signalling. A session's
 * state is touched only on its shard's event loop; the port pool is the one structure shared
 * between threads.
 */
package io.opensbc.media.relay;

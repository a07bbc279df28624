package io.opensbc.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.DefaultMaxMessagesRecvByteBufAllocator;
import io.opensbc.media.control.PacketTransform;

/**
 * Receive buffers for media sockets: one datagram each, read at an offset of
 * {@link PacketTransform#HEADROOM} into a buffer with {@link PacketTransform#TAILROOM} to spare
 * after the largest accepted packet, so transforms work in place. A datagram larger than the limit
 * still arrives (possibly truncated) longer than the limit and is dropped by the relay.
 */
final class HeadroomRecvAllocator extends DefaultMaxMessagesRecvByteBufAllocator {
  /** Datagrams read per socket wake-up before other sockets get their turn. */
  private static final int MAX_READS_PER_WAKEUP = 32;

  private final int capacity;

  HeadroomRecvAllocator(int maxPacketBytes) {
    super(MAX_READS_PER_WAKEUP);
    this.capacity = PacketTransform.HEADROOM + maxPacketBytes + PacketTransform.TAILROOM;
  }

  @Override
  public Handle newHandle() {
    return new MaxMessageHandle() {
      @Override
      public ByteBuf allocate(ByteBufAllocator alloc) {
        ByteBuf buffer = alloc.ioBuffer(capacity);
        buffer.setIndex(PacketTransform.HEADROOM, PacketTransform.HEADROOM);
        return buffer;
      }

      @Override
      public int guess() {
        return capacity;
      }
    };
  }
}

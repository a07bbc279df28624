package io.opensbc.media.relay;

import java.util.SplittableRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The node's RTP ports: every even port {@code p} of a range with {@code p + 1} also in it is one
 * slot, an RTP/RTCP pair (a leg with rtcp-mux uses only the even port). Shared by all relay shards
 * and the signalling shards that allocate, hence the lock: each operation holds it for a few
 * instructions, O(1).
 *
 * <p>Free slots form a FIFO ring, shuffled once at start: a released port waits behind every other
 * free one before it is handed out again (late packets of an ended call do not reach the next one,
 * and ports are not predictable). A port the relay failed to bind (taken by another process) is
 * released back the same way and so is skipped until the rest of the pool was tried. Exhaustion is
 * a result value, not an exception.
 */
public final class PortPool {
  /** The outcome of {@link #allocate()}. */
  public sealed interface Allocation permits Granted, Exhausted {}

  /** An RTP port; its RTCP port is {@code rtpPort + 1}. */
  public record Granted(int rtpPort) implements Allocation {
    public int rtcpPort() {
      return rtpPort + 1;
    }
  }

  /** Every slot is in use. */
  public record Exhausted(int capacity) implements Allocation {}

  private final int firstPort;
  private final int[] ring;
  private final boolean[] inUse;
  private final ReentrantLock lock = new ReentrantLock();
  private int head;
  private int free;

  /** The pairs in {@code [lowPort, highPort]} (inclusive), handed out in a shuffled order. */
  public PortPool(int lowPort, int highPort) {
    this(lowPort, highPort, new SplittableRandom().nextLong());
  }

  /** As {@link #PortPool(int, int)} with a fixed shuffle seed (tests). */
  public PortPool(int lowPort, int highPort, long seed) {
    if (lowPort < 1 || highPort > 65535 || lowPort > highPort) {
      throw new IllegalArgumentException("port range " + lowPort + "-" + highPort + " (allowed: 1..65535, low <= high)");
    }
    firstPort = (lowPort + 1) & ~1;
    int slots = firstPort + 1 <= highPort ? (highPort - firstPort + 1) / 2 : 0;
    if (slots == 0) {
      throw new IllegalArgumentException("port range " + lowPort + "-" + highPort + " holds no even/odd pair");
    }
    ring = new int[slots];
    inUse = new boolean[slots];
    for (int i = 0; i < slots; i++) {
      ring[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = slots - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = ring[i];
      ring[i] = ring[j];
      ring[j] = t;
    }
    free = slots;
  }

  /** The next free pair, or {@link Exhausted}. */
  public Allocation allocate() {
    lock.lock();
    try {
      if (free == 0) {
        return new Exhausted(ring.length);
      }
      int slot = ring[head];
      head = (head + 1) % ring.length;
      free--;
      inUse[slot] = true;
      return new Granted(firstPort + 2 * slot);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns a pair to the back of the queue. False (and nothing changes) for a port this pool did
   * not hand out or that is already free.
   */
  public boolean release(int rtpPort) {
    int offset = rtpPort - firstPort;
    if (offset < 0 || (offset & 1) != 0 || offset / 2 >= ring.length) {
      return false;
    }
    int slot = offset / 2;
    lock.lock();
    try {
      if (!inUse[slot]) {
        return false;
      }
      inUse[slot] = false;
      ring[(head + free) % ring.length] = slot;
      free++;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Number of pairs in the range. */
  public int capacity() {
    return ring.length;
  }

  /** Number of pairs free now. */
  public int available() {
    lock.lock();
    try {
      return free;
    } finally {
      lock.unlock();
    }
  }
}

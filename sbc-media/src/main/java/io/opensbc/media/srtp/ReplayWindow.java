package io.opensbc.media.srtp;

import java.util.Arrays;

/**
 * The replay list of RFC 3711 §3.3.2 as a sliding window: the highest index accepted so far and a
 * bitmap of which of the {@code size - 1} indices below it were seen. An index above the highest is
 * new; one that far below falls off the window and is too old, since a replay could not be told
 * from a late packet any more.
 *
 * <p>Checking and recording are separate, because the RFC updates the list only after the packet
 * has been authenticated: {@link #check} first, then {@link #record} once the tag verifies, so a
 * forged packet never moves the window.
 *
 * <p>The bitmap is a ring indexed by {@code index mod capacity}; moving the top clears the bits it
 * passes over, so each packet costs O(1) except after a jump, bounded by the capacity. Not
 * thread-safe.
 */
public final class ReplayWindow {

  /** RFC 3711 §3.3.2: "a replay window size of 64 MUST be supported". */
  public static final int DEFAULT_SIZE = 64;
  /** An upper bound so that a configuration mistake cannot allocate without limit. */
  public static final int MAX_SIZE = 32768;

  /** The outcome of {@link #check}. */
  public enum Verdict {
    /** Not seen and inside (or above) the window. */
    NEW,
    /** Already recorded. */
    DUPLICATE,
    /** Below the window: it cannot be told from a replay. */
    TOO_OLD
  }

  private final int size;
  private final long[] bits;
  private final long mask;
  private long top = -1;

  /** A window of {@code size} indices, the highest included; 64 to 32768. */
  public ReplayWindow(int size) {
    if (size < DEFAULT_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException("replay window of " + size + " packets (allowed: "
          + DEFAULT_SIZE + ".." + MAX_SIZE + ")");
    }
    this.size = size;
    int capacity = Integer.highestOneBit(size - 1) << 1;
    this.bits = new long[Math.max(1, capacity / 64)];
    this.mask = capacity - 1L;
  }

  public int size() {
    return size;
  }

  /** The highest index recorded, or -1 before the first. */
  public long highest() {
    return top;
  }

  /** Whether {@code index} (non-negative) would be accepted; changes nothing. */
  public Verdict check(long index) {
    if (index > top) {
      return Verdict.NEW;
    }
    if (top - index >= size) {
      return Verdict.TOO_OLD;
    }
    return isSet(index) ? Verdict.DUPLICATE : Verdict.NEW;
  }

  /** Records an authenticated index, moving the window up when it is the new highest. */
  public void record(long index) {
    if (index > top) {
      long advance = top < 0 ? mask + 1 : index - top;
      if (advance > mask) {
        Arrays.fill(bits, 0L);
      } else {
        for (long i = top + 1; i < index; i++) {
          clear(i);
        }
      }
      top = index;
    }
    set(index);
  }

  private boolean isSet(long index) {
    int bit = (int) (index & mask);
    return (bits[bit >>> 6] & 1L << bit) != 0;
  }

  private void set(long index) {
    int bit = (int) (index & mask);
    bits[bit >>> 6] |= 1L << bit;
  }

  private void clear(long index) {
    int bit = (int) (index & mask);
    bits[bit >>> 6] &= ~(1L << bit);
  }
}

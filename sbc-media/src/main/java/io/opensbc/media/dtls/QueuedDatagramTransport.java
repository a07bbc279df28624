package io.opensbc.media.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The datagram transport Bouncy Castle's blocking DTLS reads from, fed by the relay's event loop:
 * {@link #offer} (non-blocking, from the socket handler) puts a received DTLS record in a bounded
 * queue and drops it when the queue is full (DTLS retransmits); {@link #receive} (on the worker
 * running the handshake) waits for one. {@link #send} hands a datagram to {@code sender}, which
 * writes it from the event loop. {@link #close} wakes a waiting worker with an error.
 */
public final class QueuedDatagramTransport implements DatagramTransport {
  /** Largest datagram accepted from the socket (an Ethernet MTU). */
  public static final int RECEIVE_LIMIT = 1500;
  /** Largest datagram we send: 1200 bytes leaves room for IPv6, tunnels and TURN (as WebRTC does). */
  public static final int SEND_LIMIT = 1200;
  private static final byte[] CLOSED = new byte[0];

  private final ArrayBlockingQueue<byte[]> inbox;
  private final Consumer<byte[]> sender;
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;

  public QueuedDatagramTransport(int capacity, Consumer<byte[]> sender) {
    this.inbox = new ArrayBlockingQueue<>(capacity + 1); // + 1: room for the close marker
    this.sender = sender;
  }

  /** Queues a received record (copied by the caller); false when closed, full or too large. */
  public boolean offer(byte[] datagram) {
    if (closed || datagram.length == 0 || datagram.length > RECEIVE_LIMIT
        || inbox.remainingCapacity() <= 1 || !inbox.offer(datagram)) {
      dropped.incrementAndGet();
      return false;
    }
    return true;
  }

  /** Records dropped because the queue was full, closed or the record too large. */
  public long dropped() {
    return dropped.get();
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public int getReceiveLimit() {
    return RECEIVE_LIMIT;
  }

  @Override
  public int getSendLimit() {
    return SEND_LIMIT;
  }

  @Override
  public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
    byte[] d;
    try {
      d = inbox.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted waiting for a DTLS record");
    }
    if (d == null) {
      return -1; // timed out: Bouncy Castle retransmits or gives up
    }
    if (d == CLOSED) {
      inbox.offer(CLOSED); // for the next reader too
      throw new IOException("DTLS transport closed");
    }
    int n = Math.min(len, d.length);
    System.arraycopy(d, 0, buf, off, n);
    return n;
  }

  @Override
  public void send(byte[] buf, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("DTLS transport closed");
    }
    sender.accept(Arrays.copyOfRange(buf, off, off + len));
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      inbox.clear();
      inbox.offer(CLOSED);
    }
  }
}

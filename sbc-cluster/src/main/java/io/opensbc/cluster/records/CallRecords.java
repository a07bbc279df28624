package io.opensbc.cluster.records;

import io.opensbc.config.model.operations.CallRecordsConfig;
import io.opensbc.sip.dialog.CallEvent;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's call records: each ended call's record and event log kept in memory (the last
 * {@code keep}, for the admin API), and its record appended as one JSON line to the rotating file
 * by a writer thread of its own (file IO never runs on an event loop). The queue to the writer is
 * bounded; when the disk cannot keep up, records are dropped from the file (still counted and kept
 * in memory) rather than holding up calls.
 */
public final class CallRecords implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CallRecords.class.getName());
  private static final int QUEUE = 10_000;

  /** A record and the log it was folded from. */
  public record Entry(JsonObject record, List<CallEvent> log) {}

  private final String node;
  private final int keep;
  private final Deque<Entry> recent = new ArrayDeque<>();
  private final Map<String, Entry> byId = new HashMap<>();
  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUE);
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final RotatingFile file;
  private final Thread writer;
  private volatile boolean closed;

  public CallRecords(CallRecordsConfig config, String node) {
    this.node = node;
    this.keep = config.keep();
    this.file = config.file() == null ? null
        : new RotatingFile(Path.of(config.file()), config.maxFileBytes(), config.maxFiles());
    if (file == null) {
      writer = null;
      return;
    }
    writer = new Thread(this::drain, "sbc-call-records");
    writer.setDaemon(true);
    writer.start();
  }

  /** Records an ended call (called on the shard's thread: only memory work here). */
  public void ended(List<CallEvent> log) {
    JsonObject record = CallRecord.of(log, node);
    Entry e = new Entry(record, log);
    synchronized (this) {
      if (keep > 0) {
        recent.addLast(e);
        index(e);
        while (recent.size() > keep) {
          unindex(recent.removeFirst());
        }
      }
    }
    if (file != null && !queue.offer(record.encode())) {
      dropped.increment();
    }
  }

  private void index(Entry e) {
    byId.put(e.record().getString("callRef"), e);
    String a = e.record().getString("aCallId");
    if (a != null) {
      byId.put(a, e);
    }
  }

  private void unindex(Entry e) {
    byId.remove(e.record().getString("callRef"), e);
    String a = e.record().getString("aCallId");
    if (a != null) {
      byId.remove(a, e);
    }
  }

  /** The ended call whose call reference or A-leg Call-ID is {@code id}, or null. */
  public synchronized Entry find(String id) {
    return byId.get(id);
  }

  /** The most recent ended calls matching {@code filter}, newest first, at most {@code limit}. */
  public synchronized List<Entry> query(Predicate<JsonObject> filter, int limit) {
    List<Entry> out = new ArrayList<>();
    var it = recent.descendingIterator();
    while (it.hasNext() && out.size() < limit) {
      Entry e = it.next();
      if (filter.test(e.record())) {
        out.add(e);
      }
    }
    return out;
  }

  public long writtenCount() {
    return written.sum();
  }

  public long droppedCount() {
    return dropped.sum();
  }

  private void drain() {
    while (!closed || !queue.isEmpty()) {
      try {
        String line = queue.poll(200, TimeUnit.MILLISECONDS);
        if (line == null) {
          continue;
        }
        file.append(line);
        written.increment();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException e) {
        dropped.increment();
        LOG.log(Level.WARNING, "call records: cannot write: " + e.getMessage());
      }
    }
  }

  /** Writes what is queued (up to 5 s) and closes the file. */
  @Override
  public void close() {
    closed = true;
    if (writer != null) {
      try {
        writer.join(5000);
        file.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "call records: close: " + e.getMessage());
      }
    }
  }
}

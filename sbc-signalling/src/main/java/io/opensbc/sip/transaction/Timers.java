package io.opensbc.sip.transaction;

/**
 * The time service of a shard: schedules tasks on the shard's own thread. Injected so tests run
 * timers with a manual clock in milliseconds.
 */
public interface Timers {
  /** Runs the task after the delay (0 = as soon as possible, never synchronously); returns an id. */
  long schedule(long delayMillis, Runnable task);

  /** Cancels a scheduled task; unknown or already run ids are ignored. */
  void cancel(long id);

  /** Runs the task on the shard's thread soon (used to hop back from transport threads). */
  void execute(Runnable task);

  /** Milliseconds of a monotonic clock. */
  long nowMillis();
}

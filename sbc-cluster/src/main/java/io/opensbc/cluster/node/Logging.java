package io.opensbc.cluster.node;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log records on stderr; Hazelcast and Netty quieted to warnings. */
final class Logging {
  /** Held so the levels set on them are not lost when the loggers are garbage collected. */
  private static final Logger HAZELCAST = Logger.getLogger("com.hazelcast");
  private static final Logger NETTY = Logger.getLogger("io.netty");

  private Logging() {}

  static void configure() {
    Logger root = Logger.getLogger("");
    for (var h : root.getHandlers()) {
      root.removeHandler(h);
    }
    ConsoleHandler h = new ConsoleHandler();
    h.setFormatter(new Formatter() {
      @Override
      public String format(LogRecord r) {
        String msg = formatMessage(r);
        String thrown = r.getThrown() == null ? "" : " " + r.getThrown();
        return String.format("%1$tFT%1$tT.%1$tL %2$s %3$s %4$s%5$s%n", r.getMillis(), r.getLevel(),
            r.getLoggerName(), msg, thrown);
      }
    });
    root.addHandler(h);
    root.setLevel(Level.INFO);
    HAZELCAST.setLevel(Level.WARNING);
    NETTY.setLevel(Level.WARNING);
  }
}

package io.opensbc.config.loader;

import io.opensbc.config.model.Defaults;
import io.opensbc.config.model.operations.CallRecordsConfig;
import io.opensbc.config.model.operations.CaptureConfig;
import io.opensbc.config.model.operations.ClockConfig;
import io.opensbc.config.model.operations.HepConfig;
import io.opensbc.config.model.operations.OperationsConfig;
import io.opensbc.config.validation.DurationRule;
import io.opensbc.config.validation.IntRule;
import io.opensbc.config.validation.Violations;
import java.util.List;

/** Reads the top-level {@code operations} section (docs/operations.md); every key is optional. */
final class OperationsBinder {
  static final String[] KEYS = {"call-records", "capture", "clock"};
  static final String[] RECORD_KEYS = {"file", "max-file-bytes", "max-files", "keep"};
  static final String[] CAPTURE_KEYS = {"calls", "messages-per-call", "hep"};
  static final String[] HEP_KEYS = {"host", "port", "transport", "agent-id", "password"};
  static final String[] CLOCK_KEYS = {"skew-warning"};
  private static final IntRule FILE_BYTES = new IntRule(4096, Integer.MAX_VALUE, "4096 or more");
  private static final IntRule MAX_FILES = new IntRule(1, 1000, "1-1000");
  private static final IntRule KEEP = new IntRule(0, 1_000_000, "0-1000000");
  private static final IntRule CAPTURE_CALLS = new IntRule(0, 100_000, "0-100000, 0 = off");
  private static final IntRule PER_CALL = new IntRule(1, 10_000, "1-10000");
  private static final IntRule AGENT_ID = new IntRule(0, Integer.MAX_VALUE, "0 or more");

  private OperationsBinder() {}

  static OperationsConfig operations(Section root, Violations v) {
    Section s = Section.of(root.node("operations"), "operations", v, KEYS);
    Section r = Section.of(s.node("call-records"), s.child("call-records"), v, RECORD_KEYS);
    Section c = Section.of(s.node("capture"), s.child("capture"), v, CAPTURE_KEYS);
    Section k = Section.of(s.node("clock"), s.child("clock"), v, CLOCK_KEYS);
    CallRecordsConfig records = new CallRecordsConfig(
        r.string("file", null),
        r.integer("max-file-bytes", (int) Math.min(Integer.MAX_VALUE, Defaults.CALL_RECORDS_MAX_FILE_BYTES), FILE_BYTES),
        r.integer("max-files", Defaults.CALL_RECORDS_MAX_FILES, MAX_FILES),
        r.integer("keep", Defaults.CALL_RECORDS_KEEP, KEEP));
    HepConfig hep = null;
    if (c.has("hep")) {
      Section h = Section.of(c.node("hep"), c.child("hep"), v, HEP_KEYS);
      String host = h.requiredString("host", "the collector's address");
      String transport = h.has("transport") ? h.choice("transport", "HEP transport", List.of("udp", "tcp")) : "udp";
      hep = new HepConfig(host, h.integer("port", Defaults.HEP_PORT, IntRule.PORT),
          "tcp".equalsIgnoreCase(transport), h.integer("agent-id", 0, AGENT_ID), h.string("password", null));
    }
    CaptureConfig capture = new CaptureConfig(
        c.integer("calls", Defaults.CAPTURE_CALLS, CAPTURE_CALLS),
        c.integer("messages-per-call", Defaults.CAPTURE_MESSAGES_PER_CALL, PER_CALL),
        hep);
    ClockConfig clock = new ClockConfig(k.duration("skew-warning", Defaults.CLOCK_SKEW_WARNING, DurationRule.POSITIVE));
    return new OperationsConfig(records, capture, clock);
  }

  /** Whether a bind address is only reachable from this host. */
  static boolean loopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }
}

package io.opensbc.cluster.node;

import io.opensbc.cluster.capture.CallTraces;
import io.opensbc.cluster.records.CallRecords;
import io.opensbc.sip.dialog.CallEvent;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What the admin listener serves, as the node provides it. */
interface AdminBackend {
  JsonObject health();

  void drain();

  Future<JsonObject> reload();

  /** Event logs of the calls in progress. */
  Future<List<List<CallEvent>>> liveCalls();

  CallRecords records();

  /** The recent calls' SIP messages, or null when capture is off. */
  CallTraces traces();

  /** Trunks with their targets and health. */
  JsonArray trunks();

  String nodeName();

  /** Registers meters whose labels appear at run time (before a scrape). */
  void refreshMetrics();
}

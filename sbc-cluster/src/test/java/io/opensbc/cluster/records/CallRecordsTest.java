package io.opensbc.cluster.records;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opensbc.config.model.Transport;
import io.opensbc.config.model.operations.CallRecordsConfig;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Dialog;
import io.opensbc.sip.dialog.Side;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRecordsTest {
  private static final Dialog A = new Dialog("a-1", "t1", "t2", "<sip:+442071234567@sbc>", "<sip:1001@pbx>",
      "sip:1001@10.0.0.1", List.of(), 0, 1, "udp", Transport.UDP, "10.0.0.1", 5060);
  private static final Dialog B = new Dialog("b-1", "t3", null, "<sip:1001@sbc>", "<sip:+442071234567@carrier>",
      "sip:+442071234567@192.0.2.5", List.of(), 1, -1, "udp", Transport.UDP, "192.0.2.5", 5060);

  static List<CallEvent> answered(String aCallId, String bCallId) {
    Dialog a = new Dialog(aCallId, "t1", "t2", A.localUri(), A.remoteUri(), A.remoteTarget(), List.of(), 0, 1,
        "udp", Transport.UDP, "10.0.0.1", 5060);
    return List.of(
        new CallEvent.CallOffered(1, 1_000, bCallId, a, "udp", "pbx"),
        new CallEvent.LegDialed(2, 1_001, B, "carrier-a"),
        new CallEvent.TargetFailed(3, 1_050, "carrier-a", "udp:192.0.2.5:5060", 503, "503 from udp:192.0.2.5:5060"),
        new CallEvent.LegDialed(4, 1_051, B, "carrier-b"),
        new CallEvent.RulesApplied(5, 1_051, Side.B, "outbound", "INVITE", List.of("carrier-out/e164")),
        new CallEvent.EarlyDialogCreated(6, 1_200, "r", 180),
        new CallEvent.CallAnswered(7, 3_000, a, B.withRemoteTag("r")),
        new CallEvent.CallConfirmed(8, 3_010),
        new CallEvent.CallReleased(9, 63_000, Side.A, 0, "BYE"));
  }

  @Test
  void theRecordFoldsTheLog() {
    JsonObject r = CallRecord.of(answered("a-1", "b-1"), "node1");
    assertEquals("b-1", r.getString("callRef"));
    assertEquals("a-1", r.getString("aCallId"));
    assertEquals("pbx", r.getString("sourceTrunk"));
    assertEquals("carrier-b", r.getString("trunk"));
    assertEquals(200, r.getInteger("status"));
    assertEquals(16, r.getInteger("q850Cause"));
    assertEquals("A", r.getString("endedBy"));
    assertEquals(60.0, r.getDouble("durationSeconds"));
    assertEquals(2_000, r.getLong("setupMs"));
    assertEquals(200, r.getLong("postDialDelayMs"));
    assertEquals(503, r.getJsonArray("failedAttempts").getJsonObject(0).getInteger("status"));
    assertEquals("carrier-out/e164", r.getJsonArray("rulesApplied").getJsonObject(0).getJsonArray("rules").getString(0));
    assertEquals("ended", r.getString("state"));
  }

  @Test
  void aFailedCallCarriesItsStatusAndCause() {
    List<CallEvent> log = List.of(
        new CallEvent.CallOffered(1, 1_000, "b-2", A, "udp", null),
        new CallEvent.LegDialed(2, 1_001, B, "carrier"),
        new CallEvent.ClockSkewObserved(3, 1_100, "sip:192.0.2.5:5060", 403, -75_000),
        new CallEvent.CallReleased(4, 1_101, Side.B, 403, "final response 403"));
    JsonObject r = CallRecord.of(log, "node1");
    assertEquals(403, r.getInteger("status"));
    assertEquals(21, r.getInteger("q850Cause"));
    assertEquals(-75_000, r.getJsonArray("clockSkew").getJsonObject(0).getLong("offsetMs"));
    assertNull(r.getString("answered"));
  }

  @Test
  void recordsAreQueryableAndWrittenToARotatingFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("calls.jsonl");
    try (CallRecords records = new CallRecords(new CallRecordsConfig(file.toString(), 4096, 2, 3), "node1")) {
      for (int i = 0; i < 20; i++) {
        records.ended(answered("a-" + i, "b-" + i));
      }
      assertNull(records.find("a-0"), "only the last 3 are kept in memory");
      assertEquals("b-19", records.find("a-19").record().getString("callRef"));
      assertEquals("b-18", records.find("b-18").record().getString("callRef"));
      assertEquals(List.of("b-19", "b-18"), records.query(r -> true, 2).stream()
          .map(e -> e.record().getString("callRef")).toList(), "newest first");
      await().atMost(Duration.ofSeconds(5)).until(() -> records.writtenCount() == 20);
    }
    assertTrue(Files.exists(dir.resolve("calls.jsonl.1")) && Files.exists(dir.resolve("calls.jsonl.2")));
    assertTrue(!Files.exists(dir.resolve("calls.jsonl.3")), "at most 2 rotated files");
    for (String name : List.of("calls.jsonl", "calls.jsonl.1", "calls.jsonl.2")) {
      Path p = dir.resolve(name);
      assertTrue(Files.size(p) <= 4096, name + " is within its size");
      for (String line : Files.readAllLines(p)) {
        assertEquals("node1", new JsonObject(line).getString("node"));
      }
    }
    List<String> newest = Files.readAllLines(file);
    assertEquals("a-19", new JsonObject(newest.get(newest.size() - 1)).getString("aCallId"));
  }
}

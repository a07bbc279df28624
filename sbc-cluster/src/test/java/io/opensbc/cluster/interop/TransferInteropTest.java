package io.opensbc.cluster.interop;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opensbc.cluster.node.SbcNode;
import io.opensbc.cluster.records.CallRecords;
import io.opensbc.config.loader.ConfigLoader;
import io.opensbc.config.loader.ConfigResult;
import io.opensbc.sip.dialog.CallEvent;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Call transfer through deploy/examples/teams-carrier.yaml (docs/transfers.md), with SIPp at the
 * addresses the example names: the carrier at 127.0.0.1:5080 (transfer targets), Teams/the PBX at
 * 127.0.0.1:5090 (the transferor), and the transferee calling from the carrier side into 5060.
 * The carrier trunk has {@code transfer.refer: handle-locally}: it never sees a REFER.
 */
@Tag("interop")
class TransferInteropTest {
  static final Pattern M_AUDIO = Pattern.compile("m=audio (\\d+) ");
  /** A Teams-style Refer-To of more than 400 characters, with the x-m/x-t/x-ti/x-tt parameters. */
  static final String TARGET = "+442071234999";
  static final String TEAMS_PARAMS = ";x-m=8:orgid:2d9e4d2c-7f1a-4c2f-9a59-0f3f2ce7f0a1"
      + ";x-t=8:orgid:9b1f3e77-1c0d-4a3e-8d55-6f1c2b3a4d5e;x-ti=8e6f6d1c-5a4b-4c3d-9e2f-1a0b9c8d7e6f"
      + ";x-tt=" + "aHR0cHM6Ly9hcGkuZmxpZ2h0cHJveHkudGVhbXMubWljcm9zb2Z0LmNvbS9hcGkvdjIvZXAvY29udmVyc2F0aW9u".repeat(3);
  static final String REFER_TO = "<sip:" + TARGET + "@127.0.0.1:5070;user=phone" + TEAMS_PARAMS + ">";
  static final String REFERRED_BY = "<sip:+442071234501@teams.contoso.com;user=phone>;x-ms-tenant=contoso";
  static final String TAIL_RECV_BYE = """
        <recv request="BYE" timeout="10000"/>
        <send>
          <![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:]
            [last_Call-ID:]
            [last_CSeq:]
            Content-Length: 0

          ]]>
        </send>
        <timewait milliseconds="200"/>
      """;
  /** The transferor stays with the transferee after a failed transfer, then hangs up itself. */
  static final String TAIL_SEND_BYE = """
        <pause milliseconds="500"/>
        <send retrans="500">
          <![CDATA[
            BYE [next_url] SIP/2.0
            Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]
            From:[$inv_to];tag=[pid]SIPpTag01[call_number]
            To:[$inv_from]
            [last_Call-ID:]
            CSeq: 2 BYE
            [routes]
            Max-Forwards: 70
            Content-Length: 0

          ]]>
        </send>
        <recv response="200" crlf="true"/>
      """;

  /** A carrier that also answers OPTIONS keep-alives, with an Allow that lacks REFER. */
  static final String OPTIONS_FIRST = """
        <recv request="OPTIONS" optional="true" next="options"/>
      """;
  static final String OPTIONS_LAST = """
        <nop next="end"/>
        <label id="options"/>
        <send>
          <![CDATA[
            SIP/2.0 200 OK
            [last_Via:]
            [last_From:]
            [last_To:];tag=[pid]SIPpTag01[call_number]
            [last_Call-ID:]
            [last_CSeq:]
            Allow: INVITE, ACK, BYE, CANCEL, OPTIONS
            Content-Length: 0

          ]]>
        </send>
        <label id="end"/>
      """;

  @TempDir
  Path work;
  private SbcNode node;
  private Sipp sipp;
  private final List<Process> started = new java.util.ArrayList<>();

  private void start(String yaml) throws Exception {
    assumeTrue(Sipp.installed(), "sipp is not installed (apt-get install sip-tester)");
    Path file = work.resolve("teams-carrier.yaml");
    Files.writeString(file, yaml);
    ConfigResult r = ConfigLoader.load(file);
    assertTrue(r instanceof ConfigResult.Valid, () -> "the example must load: " + r);
    node = SbcNode.start(((ConfigResult.Valid) r).config(), SbcNode.Options.STANDALONE)
        .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    sipp = new Sipp(work);
  }

  @AfterEach
  void stop() throws Exception {
    for (Process p : started) {
      Sipp.stop(p);
    }
    if (node != null) {
      node.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  private Process uas(String scenario, int port, Path trace, String... extra) throws Exception {
    List<String> args = new java.util.ArrayList<>(List.of("-trace_msg", "-message_file", trace.toString()));
    args.addAll(List.of(extra));
    Process p = sipp.startUas(scenario, port, "u1", 1, 30, args.toArray(String[]::new));
    started.add(p);
    return p;
  }

  private void transferor(String name, String finalStatus, String tail, String referTo) throws Exception {
    Map<String, String> v = new HashMap<>();
    v.put("REFER_TO", referTo);
    v.put("REFER_TO_SHORT", "the target");
    v.put("REFERRED_BY", REFERRED_BY);
    v.put("FINAL", finalStatus);
    v.put("TAIL", tail);
    v.put("TAIL_DOC", "the tail given by the test");
    v.put("REFER_AFTER_MS", "300");
    sipp.fromTemplate("uas-teams-transferor", name, v);
  }

  private CompletableFuture<Sipp.Result> transferee(String name, int rtpPort, Path trace) throws Exception {
    sipp.fromTemplate("uac-transferee", name, Map.of("RTP_PORT", Integer.toString(rtpPort), "CALLEE",
        "+442071234567"));
    int port = Sipp.freePort();
    return CompletableFuture.supplyAsync(() -> {
      try {
        return sipp.runUac(name, port, "127.0.0.1:5060", "u1", 1, 1, 40, "-trace_msg", "-message_file",
            trace.toString(), "-mp", Integer.toString(Sipp.freePort()));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /**
   * Acceptance: a blind transfer requested by Teams towards the carrier without REFER. The carrier
   * side sees only INVITE, re-INVITE and BYE (its traces hold no REFER and no NOTIFY); Teams gets
   * 202 and NOTIFYs 100 then 200; the target's INVITE carries Teams' Referred-By unchanged; RTP
   * the transferee sends comes back from the target (SIPp -rtp_echo) through the relay.
   */
  @Test
  void blindTransferTowardsACarrierWithoutReferIsHandledBySbcAndMediaFollows() throws Exception {
    start(TeamsCarrierRulesTest.example());
    Path targetTrace = work.resolve("target-messages.log");
    Path teamsTrace = work.resolve("teams-messages.log");
    Path transfereeTrace = work.resolve("transferee-messages.log");
    sipp.fromTemplate("uas-transfer-target", "target.xml", Map.of("HOLD_MS", "3000",
        "REFERRED_BY_REGEX", posix(REFERRED_BY), "OPTIONS_FIRST", "", "OPTIONS_LAST", ""));
    Process target = uas("target.xml", 5080, targetTrace, "-rtp_echo", "-mp", Integer.toString(Sipp.freePort()));
    transferor("teams.xml", "200 OK", TAIL_RECV_BYE, REFER_TO);
    Process teams = uas("teams.xml", 5090, teamsTrace, "-mp", Integer.toString(Sipp.freePort()));
    try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      rtp.setSoTimeout(100);
      CompletableFuture<Sipp.Result> uac = transferee("transferee.xml", rtp.getLocalPort(), transfereeTrace);
      int echoed = echoesUntilDone(rtp, transfereeTrace, uac);
      Sipp.Result result = uac.get(40, TimeUnit.SECONDS);
      assertTrue(result.allCallsSucceeded(), () -> "transferee: sipp exit " + result.exitCode() + "\n" + result.log());
      assertEquals(0, Sipp.waitFor(teams, 20), () -> "Teams got 202, NOTIFY 100, NOTIFY 200 and BYE: " + log(5090));
      assertEquals(0, Sipp.waitFor(target, 20), () -> "the target got an offerless INVITE with Referred-By: "
          + log(5080));
      assertTrue(echoed >= 60, "RTP from the transferee echoed back by the transfer target: " + echoed);
    }
    assertEquals(0, received(targetTrace, "REFER") + received(transfereeTrace, "REFER"), "no REFER on the carrier side");
    assertEquals(0, received(targetTrace, "NOTIFY") + received(transfereeTrace, "NOTIFY"), "no NOTIFY either");
    assertEquals(1, received(transfereeTrace, "INVITE"), "the transferee was re-INVITEd once");
    assertEquals(1, received(targetTrace, "INVITE"), "the target got one INVITE");
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    List<String> steps = transferSteps();
    assertTrue(steps.containsAll(List.of("TransferRequested", "TransferAccepted", "TransferLegDialed",
        "TransferNotified", "LegReplaced")), () -> "the transfer on the call's log: " + steps);
  }

  /**
   * {@code refer: auto} with a carrier whose OPTIONS answers do not list REFER: the REFER is
   * handled by the SBC, as with {@code handle-locally} (seed 000's carrier).
   */
  @Test
  void autoHandlesReferLocallyWhenTheCarriersAllowLacksRefer() throws Exception {
    start(TeamsCarrierRulesTest.example().replace("refer: handle-locally", "refer: auto")
        .replace("    listener: carrier-udp\n", "    listener: carrier-udp\n    health: {interval: 1s, timeout: 500ms}\n"));
    Path targetTrace = work.resolve("target-messages.log");
    Path transfereeTrace = work.resolve("transferee-messages.log");
    sipp.fromTemplate("uas-transfer-target", "target.xml", Map.of("HOLD_MS", "500",
        "REFERRED_BY_REGEX", posix(REFERRED_BY), "OPTIONS_FIRST", OPTIONS_FIRST, "OPTIONS_LAST", OPTIONS_LAST));
    Process target = sipp.startUas("target.xml", 5080, "u1", 1000, 30, "-trace_msg", "-message_file",
        targetTrace.toString(), "-mp", Integer.toString(Sipp.freePort()));
    started.add(target);
    await().atMost(Duration.ofSeconds(10)).until(() -> received(targetTrace, "OPTIONS") >= 1);
    Thread.sleep(200); // the OPTIONS answer is on its way back to the SBC
    transferor("teams.xml", "200 OK", TAIL_RECV_BYE, REFER_TO);
    Process teams = uas("teams.xml", 5090, work.resolve("teams-messages.log"), "-mp", Integer.toString(Sipp.freePort()));
    Sipp.Result result = transferee("transferee.xml", Sipp.freePort(), transfereeTrace).get(40, TimeUnit.SECONDS);
    assertTrue(result.allCallsSucceeded(), () -> "transferee: sipp exit " + result.exitCode() + "\n" + result.log());
    assertEquals(0, Sipp.waitFor(teams, 20), () -> "Teams got 202, NOTIFY 100, NOTIFY 200 and BYE: " + log(5090));
    assertEquals(1, received(targetTrace, "INVITE"), "the target was called by the SBC");
    assertEquals(0, received(targetTrace, "REFER") + received(transfereeTrace, "REFER"), "no REFER on the carrier side");
    assertEquals(1, received(transfereeTrace, "INVITE"), "the transferee was re-INVITEd once");
  }

  /**
   * Acceptance: the target is busy; Teams gets the final NOTIFY with a 486 sipfrag and stays
   * connected with the transferee (never re-INVITEd), and then ends the call itself.
   */
  @Test
  void transferToABusyTargetRollsBackAndNotifies486() throws Exception {
    start(TeamsCarrierRulesTest.example());
    Path targetTrace = work.resolve("target-messages.log");
    Path transfereeTrace = work.resolve("transferee-messages.log");
    Process target = uas("uas-reject-486.xml", 5080, targetTrace);
    transferor("teams.xml", "486 Busy Here", TAIL_SEND_BYE, REFER_TO);
    Process teams = uas("teams.xml", 5090, work.resolve("teams-messages.log"), "-mp",
        Integer.toString(Sipp.freePort()));
    Sipp.Result result = transferee("transferee.xml", Sipp.freePort(), transfereeTrace).get(40, TimeUnit.SECONDS);
    assertTrue(result.allCallsSucceeded(), () -> "transferee: sipp exit " + result.exitCode() + "\n" + result.log());
    assertEquals(0, Sipp.waitFor(teams, 20), () -> "Teams got NOTIFY 486 and its own BYE went through: " + log(5090));
    assertEquals(0, Sipp.waitFor(target, 20), () -> log(5080));
    assertEquals(0, received(transfereeTrace, "INVITE"), "the transferee was never re-INVITEd");
    assertEquals(1, received(transfereeTrace, "BYE"), "the transferee's call ended by Teams' BYE");
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    assertTrue(transferSteps().contains("TransferRolledBack"), () -> "rollback on the log: " + transferSteps());
  }

  /**
   * Acceptance: with {@code refer: auto} and a carrier whose OPTIONS answers list REFER, Teams'
   * REFER is passed through: the carrier-side party receives it with the Refer-To (more than 400
   * characters, x-m/x-t/x-ti/x-tt kept) and Referred-By unchanged, and its NOTIFYs reach Teams.
   */
  @Test
  void referIsPassedThroughToACarrierThatListsRefer() throws Exception {
    assertTrue(REFER_TO.length() > 400, "a Teams-sized Refer-To: " + REFER_TO.length());
    start(TeamsCarrierRulesTest.example().replace("refer: handle-locally", "refer: auto")
        .replace("    listener: carrier-udp\n", "    listener: carrier-udp\n    health: {interval: 1s, timeout: 500ms}\n"));
    Path optionsTrace = work.resolve("carrier-options.log");
    Process carrier = sipp.startUas("uas-options-allow-refer.xml", 5080, "u1", 1000, 30, "-trace_msg", "-message_file",
        optionsTrace.toString());
    started.add(carrier);
    await().atMost(Duration.ofSeconds(10)).until(() -> received(optionsTrace, "OPTIONS") >= 1);
    Thread.sleep(200); // the OPTIONS answer is on its way back to the SBC
    transferor("teams.xml", "200 OK", TAIL_SEND_BYE, REFER_TO);
    Process teams = uas("teams.xml", 5090, work.resolve("teams-messages.log"), "-mp", Integer.toString(Sipp.freePort()));
    sipp.fromTemplate("uac-refer-receiver", "transferee.xml", Map.of("CALLEE", "+442071234567",
        "REFER_TO_REGEX", posix(REFER_TO), "REFERRED_BY_REGEX", posix(REFERRED_BY)));
    Sipp.Result result = sipp.runUac("transferee.xml", Sipp.freePort(), "127.0.0.1:5060", "u1", 1, 1, 30,
        "-mp", Integer.toString(Sipp.freePort()));
    assertTrue(result.allCallsSucceeded(), () -> "the REFER reached the carrier side unchanged: sipp exit "
        + result.exitCode() + "\n" + result.log());
    assertEquals(0, Sipp.waitFor(teams, 20), () -> "Teams got 202 and the carrier's NOTIFYs: " + log(5090));
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    assertTrue(transferSteps().contains("TransferRequested") && !transferSteps().contains("TransferAccepted"),
        () -> "REFER on the log as passed through: " + transferSteps());
  }

  /**
   * Acceptance: an INVITE with Replaces from the Teams side (a call queue handing the call over)
   * names the SBC's dialog with Teams; the carrier-side party is re-INVITEd with the new offer, the
   * old Teams leg gets BYE, and the new Teams leg's BYE later ends the call on the carrier side.
   */
  @Test
  void inviteWithReplacesFromTeamsTakesTheReplacedLegsPlace() throws Exception {
    start(TeamsCarrierRulesTest.example());
    Path teamsTrace = work.resolve("teams-messages.log");
    Path transfereeTrace = work.resolve("transferee-messages.log");
    Process teams = uas("uas-teams-answers.xml", 5090, teamsTrace, "-mp", Integer.toString(Sipp.freePort()));
    CompletableFuture<Sipp.Result> uac = transferee("transferee.xml", Sipp.freePort(), transfereeTrace);
    Map<String, String> leg = await().atMost(Duration.ofSeconds(10)).until(() -> firstOk(teamsTrace), m -> m != null);
    // RFC 3891: the to-tag is the recipient's (the SBC's) tag, the from-tag Teams' own
    String replaces = leg.get("callId") + ";to-tag=" + leg.get("fromTag") + ";from-tag=" + leg.get("toTag");
    sipp.fromTemplate("uac-teams-replaces", "replaces.xml", Map.of("CALLEE", "+442071234567", "REPLACES", replaces,
        "FROM_TAG", "queue1"));
    Sipp.Result queue = sipp.runUac("replaces.xml", Sipp.freePort(), "127.0.0.1:5070", "u1", 1, 1, 30,
        "-mp", Integer.toString(Sipp.freePort()));
    assertTrue(queue.allCallsSucceeded(), () -> "INVITE with Replaces answered: sipp exit " + queue.exitCode() + "\n"
        + queue.log());
    assertEquals(0, Sipp.waitFor(teams, 20), () -> "the replaced Teams leg got its BYE: " + log(5090));
    Sipp.Result result = uac.get(40, TimeUnit.SECONDS);
    assertTrue(result.allCallsSucceeded(), () -> "transferee: sipp exit " + result.exitCode() + "\n" + result.log());
    assertEquals(1, received(transfereeTrace, "INVITE"), "the carrier side was re-INVITEd with the new offer");
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    assertTrue(transferSteps().contains("LegReplaced"), () -> "on the log: " + transferSteps());
  }

  /**
   * Acceptance: attended transfer. Teams calls the target through the carrier (consultation), then
   * REFERs the transferee's call with Refer-To carrying Replaces for the consultation dialog: the
   * SBC finds that dialog, moves the target's leg into the transferee's call (re-INVITEs both
   * carrier-side parties, never a REFER), and ends both Teams legs.
   */
  @Test
  void attendedTransferWithReplacesBridgesTheTransfereeAndTheTarget() throws Exception {
    start(TeamsCarrierRulesTest.example());
    Path targetTrace = work.resolve("target-messages.log");
    Path consultTrace = work.resolve("consult-messages.log");
    Path transfereeTrace = work.resolve("transferee-messages.log");
    Process target = uas("uas-attended-target.xml", 5080, targetTrace, "-rtp_echo", "-mp",
        Integer.toString(Sipp.freePort()));
    sipp.fromTemplate("uac-teams-consult", "consult.xml", Map.of("CALLEE", TARGET, "FROM_TAG", "consult1"));
    int consultPort = Sipp.freePort();
    Process consult = sipp.startClient("consult.xml", "127.0.0.1", consultPort, "u1", 30, "127.0.0.1:5070",
        "-trace_msg", "-message_file", consultTrace.toString(), "-mp", Integer.toString(Sipp.freePort()));
    started.add(consult);
    Map<String, String> consultation = await().atMost(Duration.ofSeconds(10)).until(() -> firstOk(consultTrace),
        m -> m != null);
    String replaces = (consultation.get("callId") + ";to-tag=" + consultation.get("toTag") + ";from-tag=consult1")
        .replace("@", "%40").replace(";", "%3B").replace("=", "%3D");
    transferor("teams.xml", "200 OK", TAIL_RECV_BYE, "<sip:" + TARGET + "@127.0.0.1:5070?Replaces=" + replaces + ">");
    Process teams = uas("teams.xml", 5090, work.resolve("teams-messages.log"), "-mp", Integer.toString(Sipp.freePort()));
    int echoed;
    Sipp.Result result;
    try (DatagramSocket rtp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      rtp.setSoTimeout(100);
      CompletableFuture<Sipp.Result> uac = transferee("transferee.xml", rtp.getLocalPort(), transfereeTrace);
      echoed = echoesUntilDone(rtp, transfereeTrace, uac);
      result = uac.get(40, TimeUnit.SECONDS);
    }
    assertTrue(result.allCallsSucceeded(), () -> "transferee: sipp exit " + result.exitCode() + "\n" + result.log());
    assertTrue(echoed >= 25, "RTP from the transferee echoed back by the target moved into its call: " + echoed);
    assertEquals(0, Sipp.waitFor(teams, 20), () -> "Teams got 202, NOTIFY 100 and 200, and BYE: " + log(5090));
    String consultLog = sipp.clientLog(consultPort);
    assertEquals(0, Sipp.waitFor(consult, 20), () -> "the consultation leg got its BYE: " + consultLog);
    assertEquals(0, Sipp.waitFor(target, 20), () -> "the target was re-INVITEd and hung up: " + log(5080));
    assertEquals(2, received(targetTrace, "INVITE"), "the target's consultation INVITE and the SBC's re-INVITE");
    assertEquals(0, received(targetTrace, "REFER") + received(transfereeTrace, "REFER"), "no REFER on the carrier side");
    assertEquals(1, received(transfereeTrace, "INVITE"), "the transferee was re-INVITEd once");
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
  }

  /**
   * 3xx with {@code redirect: {mode: recurse}}: the carrier's 302 is followed to its Contact (an
   * allowed target), which answers; the caller never sees the 302, and the redirect is on the log.
   */
  @Test
  void aRedirectIsFollowedWithinTheTrunksPolicy() throws Exception {
    start(TeamsCarrierRulesTest.example().replace("redirect: {mode: pass-through}",
        "redirect: {mode: recurse, max-hops: 2, allowed-targets: [127.0.0.1]}"));
    int movedTo = Sipp.freePort();
    sipp.fromTemplate("uas-redirect-302", "redirect.xml", Map.of("CONTACT_PORT", Integer.toString(movedTo)));
    Process carrier = uas("redirect.xml", 5080, work.resolve("carrier-messages.log"));
    Process moved = uas("uas", movedTo, work.resolve("moved-messages.log"), "-mp", Integer.toString(Sipp.freePort()));
    Sipp.Result result = sipp.runUac("uac", Sipp.freePort(), "127.0.0.1:5070", "u1", 1, 1, 30,
        "-s", "+442071234777", "-mp", Integer.toString(Sipp.freePort()));
    assertTrue(result.allCallsSucceeded(), () -> "answered at the Contact: sipp exit " + result.exitCode() + "\n"
        + result.log());
    assertEquals(0, Sipp.waitFor(carrier, 20), () -> log(5080));
    assertEquals(0, Sipp.waitFor(moved, 20), () -> log(movedTo));
    await().atMost(Duration.ofSeconds(5)).until(() -> node.activeCalls() == 0);
    assertTrue(node.records().query(r -> true, 100).stream().flatMap(e -> e.log().stream())
        .anyMatch(e -> e instanceof CallEvent.RedirectFollowed f && f.contact().contains(":" + movedTo)),
        "RedirectFollowed on the call's log");
  }

  /** 3xx with the example's {@code redirect: {mode: pass-through}}: the caller gets the 302 and its Contact. */
  @Test
  void aRedirectIsPassedThroughByDefault() throws Exception {
    start(TeamsCarrierRulesTest.example());
    sipp.fromTemplate("uas-redirect-302", "redirect.xml", Map.of("CONTACT_PORT", "5999"));
    Process carrier = uas("redirect.xml", 5080, work.resolve("carrier-messages.log"));
    Sipp.Result result = sipp.runUac("uac-expect-302.xml", Sipp.freePort(), "127.0.0.1:5070", "u1", 1, 1, 30);
    assertTrue(result.allCallsSucceeded(), () -> "302 passed through: sipp exit " + result.exitCode() + "\n"
        + result.log());
    assertEquals(0, Sipp.waitFor(carrier, 20), () -> log(5080));
  }

  // ------------------------------------------------------------------ helpers

  /**
   * Sends RTP from the transferee's socket to its relay port (from the 200 OK in its trace) every
   * 20 ms until its SIPp ends, and counts the packets that come back: only a transfer target that
   * echoes ({@code -rtp_echo}) sends them.
   */
  static int echoesUntilDone(DatagramSocket rtp, Path transfereeTrace, CompletableFuture<?> uac) throws Exception {
    int relayPort = await().atMost(Duration.ofSeconds(10)).until(() -> relayPort(transfereeTrace), p -> p > 0);
    int echoed = 0;
    for (int i = 0; i < 400 && !uac.isDone(); i++) {
      byte[] p = MediaPackets.packet(i);
      rtp.send(new DatagramPacket(p, p.length, InetAddress.getLoopbackAddress(), relayPort));
      try {
        DatagramPacket d = new DatagramPacket(new byte[2048], 2048);
        rtp.receive(d);
        if (d.getPort() == relayPort && d.getLength() == p.length) {
          echoed++;
        }
      } catch (SocketTimeoutException none) {
        // before the transfer nobody echoes
      }
      Thread.sleep(20);
    }
    return echoed;
  }

  /** Call-ID, From tag and To tag of the first 200 OK in a SIPp message trace; null before it. */
  static Map<String, String> firstOk(Path trace) throws Exception {
    if (!Files.exists(trace)) {
      return null;
    }
    String log = Files.readString(trace, StandardCharsets.ISO_8859_1);
    int ok = log.indexOf("SIP/2.0 200 OK");
    if (ok < 0) {
      return null;
    }
    String msg = log.substring(ok, Math.min(log.length(), log.indexOf("\n\n", ok) < 0 ? log.length()
        : log.indexOf("\n\n", ok) + 1));
    Matcher callId = Pattern.compile("(?m)^Call-ID:\\s*(\\S+)").matcher(msg);
    Matcher from = Pattern.compile("(?m)^From:.*;tag=([^;\\s>]+)").matcher(msg);
    Matcher to = Pattern.compile("(?m)^To:.*;tag=([^;\\s>]+)").matcher(msg);
    if (!callId.find() || !from.find() || !to.find()) {
      return null;
    }
    return Map.of("callId", callId.group(1), "fromTag", from.group(1), "toTag", to.group(1));
  }

  /** The event types of every ended call's log, transfer steps and leg replacements only. */
  private List<String> transferSteps() {
    CallRecords records = node.records();
    return records.query(r -> true, 100).stream().flatMap(e -> e.log().stream())
        .filter(e -> e.getClass().getSimpleName().startsWith("Transfer") || e instanceof CallEvent.LegReplaced)
        .map(e -> e.getClass().getSimpleName()).toList();
  }

  /** How many requests of {@code method} a SIPp received (its -trace_msg file). */
  static int received(Path trace, String method) throws Exception {
    if (!Files.exists(trace)) {
      return 0;
    }
    String[] blocks = Files.readString(trace, StandardCharsets.ISO_8859_1).split("-{10,}");
    int n = 0;
    for (String b : blocks) {
      int at = b.indexOf("message received");
      if (at >= 0 && b.substring(at).lines().map(String::trim).filter(l -> !l.isEmpty()).skip(1).findFirst()
          .map(l -> l.startsWith(method + " ")).orElse(false)) {
        n++;
      }
    }
    return n;
  }

  /** The m=audio port of the first 200 OK (with SDP) in a SIPp message trace, or 0. */
  static int relayPort(Path trace) throws Exception {
    if (!Files.exists(trace)) {
      return 0;
    }
    String log = Files.readString(trace, StandardCharsets.ISO_8859_1);
    int ok = log.indexOf("SIP/2.0 200 OK");
    if (ok < 0) {
      return 0;
    }
    Matcher m = M_AUDIO.matcher(log);
    return m.find(ok) ? Integer.parseInt(m.group(1)) : 0;
  }

  /**
   * {@code s} as a POSIX extended regular expression matching it literally, escaped for an XML
   * attribute (SIPp's ereg).
   */
  static String posix(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if ("\\^$.|?*+()[]{}".indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : String.valueOf(c));
    }
    return b.toString();
  }

  private String log(int port) {
    try {
      Path p = work.resolve("uas-" + port + ".log");
      String s = Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
      return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    } catch (Exception e) {
      return e.toString();
    }
  }
}

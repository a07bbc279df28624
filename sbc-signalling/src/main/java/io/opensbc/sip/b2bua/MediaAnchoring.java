package io.opensbc.sip.b2bua;

import io.opensbc.config.model.TrunkConfig;
import io.opensbc.config.model.media.MediaConfig;
import io.opensbc.config.model.media.MediaSecurity;
import io.opensbc.media.control.Direction;
import io.opensbc.media.control.PacketTransform;
import io.opensbc.media.relay.SrtpTransform;
import io.opensbc.media.sdp.Crypto;
import io.opensbc.media.sdp.Security;
import io.opensbc.media.srtp.SdesKeys;
import io.opensbc.media.srtp.SrtpProfile;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;
import io.opensbc.media.control.Leg;
import io.opensbc.media.control.LocalEndpoint;
import io.opensbc.media.control.MediaControl;
import io.opensbc.media.control.MediaSessionHandle;
import io.opensbc.media.control.PeerLatched;
import io.opensbc.media.control.RemoteEndpoint;
import io.opensbc.media.control.SessionStats;
import io.opensbc.media.sdp.AnchorRewriter;
import io.opensbc.media.sdp.LegPolicy;
import io.opensbc.media.sdp.MediaAnchor;
import io.opensbc.media.sdp.MediaDescription;
import io.opensbc.media.sdp.MediaEndpoint;
import io.opensbc.media.sdp.OfferAnswer;
import io.opensbc.media.sdp.OriginState;
import io.opensbc.media.sdp.RemoteMedia;
import io.opensbc.media.sdp.Rewritten;
import io.opensbc.media.sdp.SdpParse;
import io.opensbc.media.sdp.SdpParser;
import io.opensbc.media.sdp.SdpWriter;
import io.opensbc.media.sdp.SessionDescription;
import io.opensbc.sip.dialog.CallEvent;
import io.opensbc.sip.dialog.Side;
import io.opensbc.sip.message.HeaderNames;
import io.opensbc.sip.message.Responses;
import io.opensbc.sip.message.SipMessage;
import io.opensbc.sip.message.SipRequest;
import io.opensbc.sip.message.SipResponse;
import io.opensbc.sip.routing.Router;
import io.opensbc.sip.transport.ListenerAddress;
import io.opensbc.sip.transport.SipSender;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Media anchoring for the B2BUA of one shard (docs/media.md, "Anchoring in the B2BUA"): every SDP
 * that crosses a call is rewritten so that both legs send RTP and RTCP to the relay, and the relay
 * learns where each leg's media goes. One relay session per call, allocated before the first
 * B-leg INVITE and kept (same ports) for every later offer and answer; one media section per call
 * is relayed, the others are rejected with port 0. Plain RTP on both legs for now.
 *
 * <p>Offer or answer: a request's SDP (INVITE, UPDATE) is an offer; a response's or an ACK's is the
 * answer to the offer last passed the other way, or else an offer (a 2xx to an INVITE without SDP,
 * RFC 3264 late offer, whose answer then comes in the ACK).
 */
final class MediaAnchoring {
  private static final Logger LOG = Logger.getLogger(MediaAnchoring.class.getName());
  static final String TIMEOUT_REASON = "SIP;cause=408;text=\"media timeout\"";
  /** How long the final statistics of a call may take to come back from the relay. */
  static final Duration STATS_WAIT = Duration.ofSeconds(2);
  private static final SecureRandom RANDOM = new SecureRandom();
  /** The suite we offer on an SDES leg. */
  private static final SrtpProfile OFFERED_PROFILE = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

  /** What became of an SDP body on its way to the other leg. */
  record Crossing(Buffer body, String malformed) {
    static final Crossing UNCHANGED = new Crossing(null, null);

    boolean unchanged() {
      return body == null && malformed == null;
    }
  }

  private final MediaControl control;
  private final MediaConfig config;
  private final SipSender sender;
  private final Router router;
  private Consumer<Call> onTimeout = c -> {};
  private Consumer<Call> onLogChanged = c -> {};
  private final DtlsIceNegotiation dtlsIce;

  /** {@code control} null: nothing is anchored, SDP passes unchanged. */
  MediaAnchoring(MediaControl control, MediaConfig config, SipSender sender, Router router) {
    this.control = control;
    this.config = config == null ? MediaConfig.DEFAULT : config;
    this.sender = sender;
    this.router = router;
    this.dtlsIce = control == null ? null : new DtlsIceNegotiation(control);
  }

  /** What to do when a call's media times out (the B2BUA hangs up both legs). */
  void onTimeout(Consumer<Call> handler) {
    this.onTimeout = handler;
  }

  /**
   * What to do when the relay added events to a call's log outside any SIP message (a latch):
   * the B2BUA writes the log.
   */
  void onLogChanged(Consumer<Call> handler) {
    this.onLogChanged = handler;
  }

  boolean enabled() {
    return control != null;
  }

  /** Whether the message carries SDP: a non-empty body of type application/sdp. */
  static boolean hasSdp(SipMessage m) {
    String ct = m.headers().first(HeaderNames.CONTENT_TYPE);
    return m.body() != null && m.body().length() > 0 && ct != null
        && ct.trim().toLowerCase(Locale.ROOT).startsWith("application/sdp");
  }

  /** The message's SDP parsed and checked for what the relay needs; malformed gets a 488. */
  static SdpParse<SessionDescription> parse(SipMessage m) {
    return SdpParser.parse(m.body().getBytes())
        .flatMap(sdp -> OfferAnswer.remoteMedia(sdp).map(x -> sdp));
  }

  /**
   * Why the caller's offer cannot be anchored (null: it can): malformed, or plain RTP from a trunk
   * whose {@code media.security} is {@code srtp}.
   */
  String refusal(SipMessage invite, String sourceTrunk) {
    SdpParse<SessionDescription> p = parse(invite);
    if (!p.isOk()) {
      return p.reason();
    }
    TrunkConfig t = sourceTrunk == null ? null : router.trunk(sourceTrunk);
    int stream = chooseStream(p.orNull(), -1);
    if (stream < 0) {
      return null;
    }
    RemoteMedia rm = OfferAnswer.remoteMedia(p.orNull()).orNull().get(stream);
    if (t != null && t.media().security() == MediaSecurity.SRTP && !savp(rm) && !DtlsIceNegotiation.isDtls(rm)) {
      return "SRTP required on trunk " + t.name();
    }
    return DtlsIceNegotiation.problem(rm);
  }

  /** Whether a call from {@code source} (null: not a trunk) to {@code dest} is anchored here. */
  boolean wanted(String source, TrunkConfig dest) {
    if (control == null) {
      return false;
    }
    TrunkConfig from = source == null ? null : router.trunk(source);
    return from == null || dest == null || !from.bypassesMediaWith(dest);
  }

  /**
   * Allocates the call's relay session; a call released meanwhile gives it back at once. The
   * session's endpoints go on the call's log, and so does every peer the relay latches onto.
   */
  Future<MediaSessionHandle> allocate(Call call) {
    return control.allocate(call.state().callRef()).map(h -> {
      if (call.released()) {
        control.release(h);
      } else {
        call.media.session = h;
        call.apply((s, at) -> new CallEvent.MediaRelayAllocated(s, at, endpoint(h.a()), endpoint(h.b())));
        control.onPeerLatched(h, latched -> {
          if (recordLatch(call, h, latched)) {
            onLogChanged.accept(call);
          }
        });
      }
      return h;
    });
  }

  private static String endpoint(LocalEndpoint l) {
    return l.host() + ":" + l.rtpPort() + "/" + l.rtcpPort();
  }

  private static boolean recordLatch(Call call, MediaSessionHandle h, PeerLatched latched) {
    if (call.released() || call.media.session != h) {
      return false;
    }
    Side side = latched.leg() == Leg.A ? Side.A : Side.B;
    String socket = latched.socket() == io.opensbc.media.control.PacketKind.RTCP ? "rtcp" : "rtp";
    String peer = latched.peer().getAddress().getHostAddress() + ":" + latched.peer().getPort();
    call.apply((s, at) -> new CallEvent.MediaPeerLatched(s, at, side, socket, peer));
    return true;
  }

  /**
   * Gives the call's relay session back, after its final statistics went on the call's log (one
   * {@code MediaStatsRecorded} per leg, after {@code CallReleased}). Completes when both are done
   * (or at once without a session); a relay that does not answer within {@link #STATS_WAIT} only
   * costs the statistics.
   */
  Future<Void> release(Call call) {
    MediaSessionHandle h = call.media.session;
    if (h == null) {
      return Future.succeededFuture();
    }
    call.media.session = null;
    String ref = call.state().callRef();
    return control.stats(h).timeout(STATS_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
        .map(stats -> {
          recordStats(call, stats, true);
          return (Void) null;
        })
        .recover(e -> {
          LOG.warning("callId=" + ref + ": no final media statistics: " + e.getMessage());
          return Future.succeededFuture();
        })
        .eventually(() -> control.release(h).onFailure(e -> LOG.warning("callId=" + ref
            + ": media release failed: " + e.getMessage())));
  }

  /**
   * Puts both legs' statistics on the call's log, and (at FINE, to keep the node's log quiet at
   * thousands of calls a second) a summary line per leg when last.
   */
  static void recordStats(Call call, SessionStats stats, boolean last) {
    for (Side side : Side.values()) {
      SessionStats.LegStats l = stats.leg(side == Side.A ? Leg.A : Leg.B);
      SessionStats.Reception r = l.reception();
      SessionStats.PeerReport p = l.peerReport();
      CallEvent.MediaFlow received = new CallEvent.MediaFlow(l.received().packets(), l.received().bytes(),
          r.lost(), r.jitterMicros(), -1);
      CallEvent.MediaFlow sent = new CallEvent.MediaFlow(l.sent().packets(), l.sent().bytes(),
          p == null ? -1 : p.cumulativeLost(), p == null ? -1 : p.jitterMicros(), p == null ? -1 : p.fractionLost());
      call.apply((s, at) -> new CallEvent.MediaStatsRecorded(s, at, side, received, sent, last));
      if (last && LOG.isLoggable(java.util.logging.Level.FINE)) {
        LOG.fine("callId=" + call.state().callRef() + " leg=" + side + " media: received " + received.packets()
            + " packets " + received.bytes() + " bytes lost " + received.lost() + " jitter "
            + received.jitterMicros() + "us; sent " + sent.packets() + " packets " + sent.bytes()
            + " bytes, peer reports lost " + sent.lost() + " jitter " + sent.jitterMicros() + "us");
      }
    }
  }

  /** {@code out}, re-made from {@code received} (sent by {@code from}), with its SDP anchored. */
  SipResponse anchored(Call call, Side from, SipResponse received, SipResponse out, String listener) {
    if (received.status() <= 100 || received.status() >= 300) {
      return out;
    }
    Crossing c = cross(call, from, received, true, listener);
    if (c.body() != null) {
      return out.withBody(c.body());
    }
    return c.malformed() == null ? out : withoutSdp(out, call, c.malformed());
  }

  /** A message whose SDP could not be anchored goes on without it, never with the peer's addresses. */
  static <M extends SipMessage> M withoutSdp(M m, Call call, String why) {
    LOG.warning("callId=" + call.state().callRef() + ": SDP dropped, not anchorable: " + why);
    Object out = m instanceof SipResponse r
        ? r.withHeaders(r.headers().remove(HeaderNames.CONTENT_TYPE)).withBody(Buffer.buffer())
        : ((SipRequest) m).withHeaders(m.headers().remove(HeaderNames.CONTENT_TYPE))
            .withBody(Buffer.buffer());
    @SuppressWarnings("unchecked")
    M cast = (M) out;
    return cast;
  }

  /** 488 (RFC 3261 §21.4.26) for an SDP we cannot anchor, with the parser's reason in a Warning. */
  static SipResponse notAcceptable(SipRequest req, String why, String tag) {
    SipResponse r = Responses.create(req, 488, "Not Acceptable Here", tag);
    return r.withHeaders(r.headers().add("Warning", "399 opensbc \"" + why.replace('"', '\'') + "\""));
  }

  /**
   * The caller's offer for the B-leg INVITE sent over {@code listener}: A's remote set, the offer
   * rewritten with the B-leg endpoint.
   */
  Crossing offerToB(Call call, SipMessage invite, String listener) {
    if (!hasSdp(invite)) {
      return Crossing.UNCHANGED;
    }
    SdpParse<SessionDescription> p = parse(invite);
    if (!p.isOk()) {
      return new Crossing(null, p.reason());
    }
    return offer(call, Side.A, p.orNull(), listener);
  }

  /**
   * SDP received from {@code from} to pass to the other side over {@code listener}: an offer, or
   * (when {@code mayAnswer}) the answer to the offer last passed towards {@code from}.
   */
  Crossing cross(Call call, Side from, SipMessage m, boolean mayAnswer, String listener) {
    if (!call.media.anchored || call.media.session == null || !hasSdp(m)) {
      return Crossing.UNCHANGED;
    }
    SdpParse<SessionDescription> p = SdpParser.parse(m.body().getBytes());
    if (!p.isOk()) {
      return new Crossing(null, p.reason());
    }
    if (mayAnswer && call.media.offerer == from.other() && call.media.sentOffer != null) {
      return answer(call, from, p.orNull(), listener);
    }
    SdpParse<SessionDescription> checked = OfferAnswer.remoteMedia(p.orNull()).map(x -> p.orNull());
    return checked.isOk() ? offer(call, from, p.orNull(), listener) : new Crossing(null, checked.reason());
  }

  private Crossing offer(Call call, Side from, SessionDescription sdp, String listener) {
    SdpParse<List<RemoteMedia>> remote = OfferAnswer.remoteMedia(sdp);
    if (!remote.isOk()) {
      return new Crossing(null, remote.reason());
    }
    CallMedia media = call.media;
    media.stream = chooseStream(sdp, media.stream);
    Side to = from.other();
    RemoteMedia rm = media.stream < 0 ? null : remote.orNull().get(media.stream);
    String dtlsProblem = DtlsIceNegotiation.problem(rm);
    if (dtlsProblem != null) {
      return new Crossing(null, dtlsProblem);
    }
    if (!DtlsIceNegotiation.isDtls(rm) && media.dtlsSetup[from.ordinal()] != null) {
      dtlsIce.stop(call, from); // no longer DTLS: before any SDES transform of this offer
      media.dtlsSetup[from.ordinal()] = null;
    }
    update(call, from, rm);
    media.offered = rm;
    media.offerCrypto = rm == null || DtlsIceNegotiation.isDtls(rm) ? Optional.empty() : rm.crypto();
    inbound(call, from, media.offerCrypto);
    media.peerIce[from.ordinal()] = rm != null && rm.ice().isPresent();
    media.iceOut[to.ordinal()] = trunkIceLite(call, to) || media.peerIce[to.ordinal()];
    boolean dtlsTo = rm != null && DtlsIceNegotiation.dtlsOffer(trunkOf(call, to), rm);
    if (!dtlsTo && media.dtlsSetup[to.ordinal()] != null) {
      dtlsIce.stop(call, to);
    }
    media.dtlsSetup[to.ordinal()] = dtlsTo ? io.opensbc.media.sdp.Setup.ACTPASS : null;
    List<Crypto> cryptos = List.of();
    if (rm != null && !dtlsTo && sdesOffer(call, to, rm)) {
      cryptos = ourCrypto(call, to, 1, OFFERED_PROFILE);
    } else {
      plainOut(call, to);
    }
    Rewritten rw = rewrite(call, to, sdp, listener, cryptos);
    media.offerer = from;
    media.sentOffer = rw.sdp();
    return new Crossing(Buffer.buffer(SdpWriter.bytes(rw.sdp())), null);
  }

  private Crossing answer(Call call, Side from, SessionDescription sdp, String listener) {
    SdpParse<List<RemoteMedia>> remote = OfferAnswer.negotiated(call.media.sentOffer, sdp);
    if (!remote.isOk()) {
      return new Crossing(null, remote.reason());
    }
    CallMedia media = call.media;
    int stream = media.stream;
    RemoteMedia rm = stream < 0 ? null : remote.orNull().get(stream);
    String dtlsProblem = DtlsIceNegotiation.problem(rm);
    if (dtlsProblem != null) {
      return new Crossing(null, dtlsProblem);
    }
    boolean fromDtls = DtlsIceNegotiation.isDtls(rm) && !rm.isRejected();
    if (media.dtlsSetup[from.ordinal()] != null && !fromDtls) {
      dtlsIce.stop(call, from); // answered our DTLS offer with something else
      media.dtlsSetup[from.ordinal()] = null;
    }
    update(call, from, rm);
    inbound(call, from, rm == null || DtlsIceNegotiation.isDtls(rm) ? Optional.empty() : rm.crypto());
    if (rm == null || !savp(rm)) {
      plainOut(call, from); // declined our SRTP offer, or never had it
    }
    media.peerIce[from.ordinal()] = rm != null && rm.ice().isPresent();
    if (media.dtlsSetup[from.ordinal()] != null) {
      dtlsIce.start(call, from, DtlsIceNegotiation.roleFromTheirAnswer(rm.setup()), rm, trunkOf(call, from));
    }
    Side to = from.other();
    media.iceOut[to.ordinal()] = media.offered != null && media.offered.ice().isPresent();
    List<Crypto> cryptos = List.of();
    if (DtlsIceNegotiation.isDtls(media.offered)) {
      io.opensbc.media.sdp.Setup ours = DtlsIceNegotiation.answerSetup(media.offered.setup(),
          media.dtlsRole[to.ordinal()]);
      media.dtlsSetup[to.ordinal()] = ours;
      plainOut(call, to);
      dtlsIce.start(call, to, DtlsIceNegotiation.roleFromOurSetup(ours), media.offered, trunkOf(call, to));
    } else if (media.offerCrypto.isPresent() && SrtpProfile.fromSdesName(media.offerCrypto.get().suite()).isPresent()) {
      media.dtlsSetup[to.ordinal()] = null;
      Crypto offered = media.offerCrypto.get();
      cryptos = ourCrypto(call, to, offered.tag(), SrtpProfile.fromSdesName(offered.suite()).get());
    } else {
      media.dtlsSetup[to.ordinal()] = null;
      plainOut(call, to);
    }
    Rewritten rw = rewrite(call, to, sdp, listener, cryptos);
    return new Crossing(Buffer.buffer(SdpWriter.bytes(rw.sdp())), null);
  }

  /** The section relayed: the one already relayed if still offered, else the first RTP one. */
  private static int chooseStream(SessionDescription sdp, int current) {
    if (current >= 0 && current < sdp.media().size() && usable(sdp.media().get(current))) {
      return current;
    }
    for (int i = 0; i < sdp.media().size(); i++) {
      if (usable(sdp.media().get(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean usable(MediaDescription m) {
    return !m.isRejected() && m.m().isRtp();
  }

  /** The SDP as it goes out on {@code to}: the relay's endpoint on that leg, our origin. */
  private Rewritten rewrite(Call call, Side to, SessionDescription sdp, String listener, List<Crypto> cryptos) {
    CallMedia media = call.media;
    String address = address(listener);
    LocalEndpoint local = local(media.session, to);
    MediaEndpoint endpoint = local.rtcpMux() ? MediaEndpoint.muxed(address, local.rtpPort())
        : MediaEndpoint.of(address, local.rtpPort(), local.rtcpPort());
    List<MediaAnchor> anchors = new ArrayList<>(sdp.media().size());
    for (int i = 0; i < sdp.media().size(); i++) {
      anchors.add(i == media.stream ? MediaAnchor.relay(endpoint, cryptos) : MediaAnchor.reject());
    }
    OriginState origin = media.origin[to.ordinal()];
    if (origin == null) {
      origin = OriginState.start("opensbc", ThreadLocalRandom.current().nextLong(1, 1L << 62), address);
    }
    io.opensbc.media.sdp.Setup dtlsSetup = media.dtlsSetup[to.ordinal()];
    LegPolicy policy = policy(call, to).withSecurity(dtlsSetup != null ? dtlsIce.dtls(dtlsSetup)
        : cryptos.isEmpty() ? Security.plain() : Security.sdes());
    if (media.iceOut[to.ordinal()]) {
      policy = policy.withIceLite(dtlsIce.credentials(call, to));
    }
    Rewritten rw = AnchorRewriter.rewrite(sdp, policy, anchors, origin);
    media.origin[to.ordinal()] = rw.origin();
    return rw;
  }

  /** The codecs the leg's trunk allows (all when the caller is no trunk). */
  private LegPolicy policy(Call call, Side side) {
    TrunkConfig t = trunkOf(call, side);
    return LegPolicy.plain().withAllowedCodecs(t == null ? List.of() : t.media().codecs());
  }

  private boolean trunkIceLite(Call call, Side side) {
    TrunkConfig t = trunkOf(call, side);
    return t != null && t.media().iceLite();
  }

  private TrunkConfig trunkOf(Call call, Side side) {
    return side == Side.B ? call.trunk
        : call.state().sourceTrunk() == null ? null : router.trunk(call.state().sourceTrunk());
  }

  // ------------------------------------------------------------------ SRTP (SDES)

  /**
   * Whether the offer we pass to {@code to} is SRTP: its trunk's {@code media.security}, or, as
   * offered (the default, and a caller that is no trunk), what the offerer's stream was.
   */
  private boolean sdesOffer(Call call, Side to, RemoteMedia offered) {
    TrunkConfig t = trunkOf(call, to);
    MediaSecurity sec = t == null ? MediaSecurity.AS_OFFERED : t.media().security();
    return sec == MediaSecurity.SRTP || sec == MediaSecurity.AS_OFFERED && savp(offered);
  }

  private static boolean savp(RemoteMedia rm) {
    return rm.m().proto().toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
  }

  /**
   * Our {@code a=crypto} for {@code side}; new keys (and a new protect transform on that leg) only
   * when the leg has none of that suite yet, so a context never starts over on a key it used.
   */
  private List<Crypto> ourCrypto(Call call, Side side, int tag, SrtpProfile profile) {
    SdesKeys k = call.media.ourKeys[side.ordinal()];
    if (k == null || k.profile() != profile) {
      k = SdesKeys.generate(profile, RANDOM);
      call.media.ourKeys[side.ordinal()] = k;
      transform(call, side, Direction.OUTBOUND, SrtpTransform.protect(k));
      String suite = profile.sdesName();
      String key = k.keyParam();
      call.apply((s, at) -> new CallEvent.MediaKeysChanged(s, at, side, "outbound", suite, key));
    }
    return List.of(Crypto.parse(k.cryptoAttribute(tag)).orNull());
  }

  private void plainOut(Call call, Side side) {
    if (call.media.ourKeys[side.ordinal()] != null) {
      call.media.ourKeys[side.ordinal()] = null;
      transform(call, side, Direction.OUTBOUND, PacketTransform.IDENTITY);
      call.apply((s, at) -> new CallEvent.MediaKeysChanged(s, at, side, "outbound", null, null));
    }
  }

  /** Unprotects what {@code side} sends with the key in its SDP (none: plain RTP). */
  private void inbound(Call call, Side side, Optional<Crypto> crypto) {
    String key = crypto.filter(c -> !c.keyParams().isEmpty())
        .map(c -> c.suite() + " " + c.keyParams().get(0).value()).orElse(null);
    if (Objects.equals(key, call.media.peerKey[side.ordinal()])) {
      return;
    }
    call.media.peerKey[side.ordinal()] = key;
    PacketTransform t = PacketTransform.IDENTITY;
    String suite = null;
    String keyParam = null;
    if (key != null) {
      Crypto c = crypto.get();
      SdesKeys peer = SrtpProfile.fromSdesName(c.suite())
          .map(p -> SdesKeys.parse(p, c.keyParams().get(0).value()).orNull()).orElse(null);
      if (peer != null) {
        t = SrtpTransform.unprotect(peer);
        suite = c.suite();
        keyParam = c.keyParams().get(0).value();
      }
    }
    transform(call, side, Direction.INBOUND, t);
    String recordedSuite = suite;
    String recordedKey = keyParam;
    call.apply((s, at) -> new CallEvent.MediaKeysChanged(s, at, side, "inbound", recordedSuite, recordedKey));
  }

  private void transform(Call call, Side side, Direction d, PacketTransform t) {
    String ref = call.state().callRef();
    control.setTransform(call.media.session, leg(side), d, t).onFailure(e ->
        LOG.warning("callId=" + ref + ": relay refused the " + side + " leg's SRTP: " + e.getMessage()));
  }

  /** The address published in SDP on a leg: {@code media.address}, else the leg's listener host. */
  private String address(String listener) {
    if (config.address() != null) {
      return config.address();
    }
    ListenerAddress l = sender.address(listener);
    return l == null ? "127.0.0.1" : l.host();
  }

  private static LocalEndpoint local(MediaSessionHandle h, Side side) {
    return side == Side.A ? h.a() : h.b();
  }

  /** Tells the relay where {@code side}'s media goes now, and whether that side holds the call. */
  private void update(Call call, Side side, RemoteMedia rm) {
    CallMedia media = call.media;
    if (rm == null || rm.isRejected()) {
      return;
    }
    media.hold[side.ordinal()] = rm.hold();
    String host = rm.rtp().address();
    if (!host.equals("0.0.0.0") && !host.equals("::")) {
      RemoteEndpoint remote = rm.rtcpMux() ? RemoteEndpoint.mux(host, rm.rtp().port())
          : RemoteEndpoint.of(host, rm.rtp().port(), rm.rtcp().port());
      remote = remote.withPayloadTypes(payloadTypes(rm));
      String ref = call.state().callRef();
      control.updateRemote(media.session, leg(side), remote).onFailure(e ->
          LOG.warning("callId=" + ref + ": relay refused the " + side + " leg's remote: " + e.getMessage()));
      recordAnchoring(call, side, host + ":" + remote.rtpPort() + "/" + remote.rtcpPort());
    }
    if (media.timeoutArmed && media.timeoutForHold != media.onHold()) {
      armTimeout(call);
    }
  }

  private static Set<Integer> payloadTypes(RemoteMedia rm) {
    java.util.HashSet<Integer> out = new java.util.HashSet<>();
    for (String f : rm.m().formats()) {
      try {
        int pt = Integer.parseInt(f);
        if (pt >= 0 && pt < 128) {
          out.add(pt);
        }
      } catch (NumberFormatException e) {
        // not an RTP payload type: nothing to latch on
      }
    }
    return out;
  }

  /** Puts a leg's relay ports and remote address on the call's log when they changed. */
  private static void recordAnchoring(Call call, Side side, String remote) {
    LocalEndpoint l = local(call.media.session, side);
    String local = l.rtpPort() + "/" + l.rtcpPort();
    String now = local + " -> " + remote;
    if (!now.equals(call.media.recorded[side.ordinal()])) {
      call.media.recorded[side.ordinal()] = now;
      call.apply((s, at) -> new CallEvent.MediaAnchored(s, at, side, local, remote));
    }
  }

  /**
   * Arms the media timeout: {@code media.timeout}, or {@code media.hold-timeout} while either side
   * holds the call. From the answer on; re-armed when the hold state changes.
   */
  void armTimeout(Call call) {
    CallMedia media = call.media;
    if (media.session == null || !media.anchored) {
      return;
    }
    boolean hold = media.onHold();
    Duration d = hold ? config.holdTimeout() : config.timeout();
    if (d == null || d.isZero() || d.isNegative()) {
      return;
    }
    media.timeoutArmed = true;
    media.timeoutForHold = hold;
    MediaSessionHandle h = media.session;
    control.onMediaTimeout(h, d, fired -> {
      if (!call.released() && call.media.session == fired) {
        onTimeout.accept(call);
      }
    });
  }

  private static Leg leg(Side side) {
    return side == Side.A ? Leg.A : Leg.B;
  }
}

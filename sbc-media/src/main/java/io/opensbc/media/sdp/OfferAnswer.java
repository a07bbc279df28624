package io.opensbc.media.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The offer/answer model (RFC 3264): matching an answer to its offer, and what the relay needs. */
public final class OfferAnswer {
  private OfferAnswer() {}

  /**
   * Whether {@code answer} answers {@code offer} (RFC 3264 §6): as many {@code m=} lines, in the
   * same order with the same media types, and every stream offered with port 0 answered with port
   * 0. The answer itself when it does; a malformed result with the rule it breaks when not.
   */
  public static SdpParse<SessionDescription> checkAnswer(
      SessionDescription offer, SessionDescription answer) {
    if (offer.media().size() != answer.media().size()) {
      return SdpParse.malformed("answer has " + answer.media().size() + " m= lines, offer "
          + offer.media().size() + " (RFC 3264 section 6)");
    }
    for (int i = 0; i < offer.media().size(); i++) {
      MediaDescription o = offer.media().get(i);
      MediaDescription a = answer.media().get(i);
      if (!o.media().equalsIgnoreCase(a.media())) {
        return SdpParse.malformed(
            "answer m= line " + (i + 1) + " is " + a.media() + ", offer " + o.media());
      }
      if (o.isRejected() && !a.isRejected()) {
        return SdpParse.malformed("answer m= line " + (i + 1) + " accepts a stream offered with port 0");
      }
    }
    return SdpParse.ok(answer);
  }

  /** The remote side's media from an offer or answer on its own; {@code a=rtcp-mux} as stated. */
  public static SdpParse<List<RemoteMedia>> remoteMedia(SessionDescription sdp) {
    List<RemoteMedia> out = new ArrayList<>();
    for (int i = 0; i < sdp.media().size(); i++) {
      MediaDescription m = sdp.media().get(i);
      SdpParse<RemoteMedia> r = remote(sdp, i, m, m.rtcpMux(), firstAcceptable(m, Set.of()))
          .in("m= line " + (i + 1) + " (" + m.media() + ")");
      if (!r.isOk()) {
        return SdpParse.malformed(r.reason());
      }
      out.add(r.orNull());
    }
    return SdpParse.ok(out);
  }

  /**
   * The remote side's media from its answer to our offer: checked with {@link #checkAnswer},
   * RTCP multiplexed only when both have {@code a=rtcp-mux} (RFC 5761 §5.1.1), and the crypto one
   * whose tag and suite the offer had (RFC 4568 §5.1.2). An SRTP answer to an offer with keys
   * that accepts none of them is malformed.
   */
  public static SdpParse<List<RemoteMedia>> negotiated(
      SessionDescription offer, SessionDescription answer) {
    SdpParse<SessionDescription> checked = checkAnswer(offer, answer);
    if (!checked.isOk()) {
      return SdpParse.malformed(checked.reason());
    }
    List<RemoteMedia> out = new ArrayList<>();
    for (int i = 0; i < answer.media().size(); i++) {
      MediaDescription o = offer.media().get(i);
      MediaDescription a = answer.media().get(i);
      Set<String> offered = o.cryptos().stream().filter(SdpParse::isOk)
          .map(c -> c.orNull().tag() + " " + c.orNull().suite()).collect(Collectors.toSet());
      Optional<Crypto> crypto = firstAcceptable(a, offered);
      String context = "m= line " + (i + 1) + " (" + a.media() + ")";
      boolean sdes = a.proto().toUpperCase(Locale.ROOT).startsWith("RTP/SAVP");
      if (crypto.isEmpty() && !offered.isEmpty() && !a.isRejected()
          && (sdes || !a.cryptos().isEmpty())) {
        return SdpParse.malformed(context + ": no a=crypto with an offered tag and suite");
      }
      SdpParse<RemoteMedia> r =
          remote(answer, i, a, o.rtcpMux() && a.rtcpMux(), crypto).in(context);
      if (!r.isOk()) {
        return SdpParse.malformed(r.reason());
      }
      out.add(r.orNull());
    }
    return SdpParse.ok(out);
  }

  /** The first acceptable crypto, restricted to {@code "<tag> <suite>"} pairs when non-empty. */
  private static Optional<Crypto> firstAcceptable(MediaDescription m, Set<String> offered) {
    for (SdpParse<Crypto> p : m.cryptos()) {
      Crypto c = p.orNull();
      if (c != null && CryptoSuite.acceptable(c)
          && (offered.isEmpty() || offered.contains(c.tag() + " " + c.suite()))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static SdpParse<RemoteMedia> remote(
      SessionDescription sdp, int index, MediaDescription m, boolean mux, Optional<Crypto> crypto) {
    Direction direction = sdp.direction(m);
    if (m.isRejected()) {
      String address = sdp.connection(m).map(Connection::host).orNull();
      TransportAddress none = new TransportAddress(address == null ? "" : address, 0);
      return SdpParse.ok(new RemoteMedia(index, m.m(), direction, false, none, none, false,
          Optional.empty(), Optional.empty(), sdp.iceLite(), Optional.empty(), Optional.empty()));
    }
    SdpParse<Connection> c = sdp.connection(m);
    if (!c.isOk()) {
      return SdpParse.malformed(c.reason());
    }
    if (!c.orNull().isInternet()) {
      return SdpParse.malformed("c=: network type is not IN");
    }
    SdpParse<Optional<Rtcp>> rtcpAttribute = m.rtcp();
    SdpParse<Optional<IceCredentials>> ice = sdp.ice(m);
    SdpParse<Optional<Fingerprint>> fingerprint = sdp.fingerprint(m);
    SdpParse<Optional<Setup>> setup = sdp.setup(m);
    for (SdpParse<?> p : List.of(rtcpAttribute, ice, fingerprint, setup)) {
      if (!p.isOk()) {
        return SdpParse.malformed(p.reason());
      }
    }
    TransportAddress rtp = new TransportAddress(c.orNull().host(), m.port());
    TransportAddress rtcp = mux ? rtp : rtcpAttribute.orNull()
        .map(a -> new TransportAddress(
            a.connection().map(Connection::host).orElse(rtp.address()), a.port()))
        .orElse(new TransportAddress(rtp.address(), rtp.port() == 65535 ? 0 : rtp.port() + 1));
    return SdpParse.ok(new RemoteMedia(index, m.m(), direction, sdp.isHold(m), rtp, rtcp, mux,
        crypto, ice.orNull(), sdp.iceLite(), fingerprint.orNull(), setup.orNull()));
  }
}
